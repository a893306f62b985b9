package io.edukit.vmservice.worker.steps;

/** The ways VmService reaches a Proxmox node. */
public enum Channel {
    /** The HTTPS API with the API token. */
    API,
    /** SFTP with the deploy key, for cloud-init snippets. */
    SSH
}
