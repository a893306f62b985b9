package io.edukit.vmservice.worker.proxmox;

/** {@code GET /version}: also proves that the API is reachable and the token valid. */
public record PveVersion(String version, String release) {
}
