package io.edukit.vmservice.worker.proxmox;

import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A PVE API token. Its secret is only ever put into the Authorization header; it prints as ***. */
public final class ApiToken {

    private final String tokenId;
    private final String secret;

    ApiToken(String tokenId, String secret) {
        if (!tokenId.matches("[^@\\s]+@[^!\\s]+![^=\\s]+")) {
            throw new IllegalArgumentException("proxmox.token-id must read <user>@<realm>!<tokenid>, e.g. edukit-api-dev@pve!vm-service");
        }
        this.tokenId = tokenId;
        this.secret = secret;
    }

    /** From configuration: the secret itself, or a file holding it (a mounted secret). */
    static ApiToken from(String tokenId, @Nullable String secret, @Nullable Path secretFile) {
        if (secret != null && !secret.isBlank()) {
            return new ApiToken(tokenId, secret.strip());
        }
        if (secretFile != null) {
            try {
                return new ApiToken(tokenId, Files.readString(secretFile).strip());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read proxmox.token-secret-file " + secretFile + " (" + e.getClass().getSimpleName() + ")", e);
            }
        }
        throw new IllegalStateException("No Proxmox API token secret: set proxmox.token-secret (PROXMOX_TOKENSECRET) or proxmox.token-secret-file");
    }

    String authorizationHeader() {
        return "PVEAPIToken=" + tokenId + "=" + secret;
    }

    public String tokenId() {
        return tokenId;
    }

    @Override
    public String toString() {
        return "ApiToken[" + tokenId + "=***]";
    }
}
