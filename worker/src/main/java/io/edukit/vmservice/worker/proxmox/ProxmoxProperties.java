package io.edukit.vmservice.worker.proxmox;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How to reach the Proxmox VE API.
 *
 * @param baseUrl         the API root, e.g. {@code https://pve4.lab:8006/api2/json}
 * @param tokenId         {@code <user>@<realm>!<tokenid>}
 * @param tokenSecret     the token's secret; or
 * @param tokenSecretFile a file holding it (a mounted secret), read at start
 * @param verifySsl       false installs a certificate bypass: refused in Production
 * @param caCert          a PEM file with the CA, or the pinned certificate itself, that the cluster's certificate must chain to
 * @param connectTimeout  TCP and TLS connect
 * @param readTimeout     waiting for an answer
 * @param maxConnections  pooled connections, in all
 * @param taskTimeout     the longest a Proxmox task is waited for
 * @param taskPollInitial the first wait between task status polls; it grows to {@code taskPollMax}
 * @param taskPollMax     the longest wait between task status polls: a task is seen done at most this late
 *                        (1 s, 5 % of a 20 s clone; each late second delays every VM queued behind the clone),
 *                        except one that ends before tasks of its kind usually do ({@link UsualDurations}): that
 *                        one up to a quarter of their usual duration late, five times this at most
 */
@Validated
@ConfigurationProperties("proxmox")
public record ProxmoxProperties(
        @DefaultValue("https://localhost:8006/api2/json") URI baseUrl,
        @DefaultValue("edukit-api-dev@pve!vm-service") @NotBlank String tokenId,
        @Nullable String tokenSecret,
        @Nullable Path tokenSecretFile,
        @DefaultValue("true") boolean verifySsl,
        @Nullable Path caCert,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("30s") Duration readTimeout,
        @DefaultValue("64") @Min(1) int maxConnections,
        @DefaultValue("15m") Duration taskTimeout,
        @DefaultValue("200ms") Duration taskPollInitial,
        @DefaultValue("1s") Duration taskPollMax) {

    public ProxmoxProperties {
        if (!taskPollInitial.isPositive()) {
            throw new IllegalArgumentException("proxmox.task-poll-initial must be longer than zero, not " + taskPollInitial);
        }
        if (taskPollInitial.compareTo(taskPollMax) > 0) {
            throw new IllegalArgumentException("proxmox.task-poll-initial (" + taskPollInitial
                    + ") is longer than proxmox.task-poll-max (" + taskPollMax + ")");
        }
    }

    @Override
    public String toString() {
        return "ProxmoxProperties[baseUrl=" + baseUrl + ", tokenId=" + tokenId + ", tokenSecret=" + (tokenSecret == null ? "unset" : "***")
                + ", tokenSecretFile=" + tokenSecretFile + ", verifySsl=" + verifySsl + ", caCert=" + caCert + "]";
    }
}
