package io.edukit.vmservice.worker.snippets;

import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The SSH/SFTP channel to the Proxmox nodes' snippet directories.
 *
 * @param hosts                the address of each node by node name; a node not listed is reached by its name
 * @param port                 the nodes' SSH port for the service account
 * @param user                 the service account
 * @param privateKey           the ed25519 private key in OpenSSH format (from the environment); or
 * @param privateKeyFile       a file holding it (a mounted secret)
 * @param privateKeyPassphrase its passphrase, if it has one
 * @param knownHostsFile       an OpenSSH known_hosts file with the nodes' host keys; or
 * @param hostKeyFingerprints  each node's pinned host key fingerprint ({@code SHA256:...}) by node name
 * @param acceptAnyHostKey     skips host key verification: Development only
 * @param snippetsDirectory    where storage {@code local} keeps snippets on every node
 * @param maxSessionsPerNode   SFTP sessions open at once per node
 */
@Validated
@ConfigurationProperties("proxmox.ssh")
public record SshProperties(
        @DefaultValue Map<String, String> hosts,
        @DefaultValue("2244") int port,
        @DefaultValue("edukit-deploy") String user,
        @Nullable String privateKey,
        @Nullable Path privateKeyFile,
        @Nullable String privateKeyPassphrase,
        @Nullable Path knownHostsFile,
        @DefaultValue Map<String, String> hostKeyFingerprints,
        @DefaultValue("false") boolean acceptAnyHostKey,
        @DefaultValue("/var/lib/vz/snippets") String snippetsDirectory,
        @DefaultValue("10s") Duration connectTimeout,
        @DefaultValue("30s") Duration timeout,
        @DefaultValue("4") @Min(1) int maxSessionsPerNode) {

    String hostOf(String node) {
        return hosts.getOrDefault(node, node);
    }

    @Override
    public String toString() {
        return "SshProperties[user=" + user + ", port=" + port + ", hosts=" + hosts + ", privateKey="
                + (privateKey == null ? "unset" : "***") + ", privateKeyFile=" + privateKeyFile + "]";
    }
}
