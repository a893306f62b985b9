package io.edukit.vmservice.worker.workflow;

import io.edukit.vmservice.proxmoxsim.ProxmoxSimulator;
import io.edukit.vmservice.proxmoxsim.SimulatorSettings;
import io.edukit.vmservice.proxmoxsim.sftp.SnippetSftpServer;

import org.springframework.test.context.DynamicPropertyRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Proxmox node {@code pve4} as the worker meets it in production: the simulator's API over
 * HTTPS with a certificate the worker must trust, and an SFTP server with a pinned host key and a
 * deploy key made for the run. {@link #workerProperties()} points a worker at it.
 */
public final class SimulatedNode implements AutoCloseable {

    public static final String NODE = "pve4";

    private final Path root;
    private final ProxmoxSimulator simulator;
    private final SnippetSftpServer sftp;
    private final Path certificate;

    private SimulatedNode(Path root, ProxmoxSimulator simulator, SnippetSftpServer sftp, Path certificate) {
        this.root = root;
        this.simulator = simulator;
        this.sftp = sftp;
        this.certificate = certificate;
    }

    public static SimulatedNode start(SimulatorSettings settings) {
        try {
            Path root = Files.createTempDirectory("pve4-");
            ProxmoxSimulator simulator = ProxmoxSimulator.start(settings.toBuilder()
                    .snippetsDirectory(SnippetSftpServer.snippetsDirectoryUnder(root)).build());
            SnippetSftpServer.DeployKey key = SnippetSftpServer.newDeployKey();
            SnippetSftpServer sftp = SnippetSftpServer.start(root, "127.0.0.1", 0, "edukit-deploy", key.publicKey());
            Path certificate = root.resolve("pve-ca.pem");
            simulator.writeCertificate(certificate);
            // Secrets go to files, as mounted secrets do: never onto a command line that ps shows.
            Files.writeString(root.resolve("token-secret"), simulator.tokenSecret());
            Files.writeString(root.resolve("deploy-key"), key.privateKeyOpenSsh());
            return new SimulatedNode(root, simulator, sftp, certificate);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ProxmoxSimulator simulator() {
        return simulator;
    }

    Path snippet(String file) {
        return simulator.snippetsDirectory().resolve(file);
    }

    /** The worker's configuration for this node: the same keys a real cluster is configured with. */
    Map<String, String> workerProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("proxmox.base-url", simulator.baseUrl());
        properties.put("proxmox.token-id", simulator.tokenId());
        properties.put("proxmox.token-secret", "");
        properties.put("proxmox.token-secret-file", root.resolve("token-secret").toString());
        properties.put("proxmox.ca-cert", certificate.toString());
        properties.put("proxmox.task-poll-initial", "20ms");
        properties.put("proxmox.task-poll-max", "200ms");
        properties.put("proxmox.ssh.hosts." + NODE, "127.0.0.1");
        properties.put("proxmox.ssh.port", Integer.toString(sftp.port()));
        properties.put("proxmox.ssh.private-key-file", root.resolve("deploy-key").toString());
        properties.put("proxmox.ssh.host-key-fingerprints." + NODE, sftp.hostKeyFingerprint());
        return properties;
    }

    /** Points a test's worker at this node. */
    public void configure(DynamicPropertyRegistry registry) {
        workerProperties().forEach((key, value) -> registry.add(key, () -> value));
    }

    /** Points a test's worker at this node with its step executor on and every wait short, so tests end in seconds. */
    void configureWithQuickExecutor(DynamicPropertyRegistry registry) {
        configure(registry);
        registry.add("vmservice.executor.enabled", () -> "true");
        registry.add("vmservice.executor.lease", () -> "5s");
        registry.add("vmservice.retry.initial-backoff", () -> "20ms");
        registry.add("vmservice.retry.max-backoff", () -> "300ms");
        registry.add("vmservice.network-wait", () -> "4s");
    }

    /** The same configuration as command-line arguments, for a worker in a process of its own. */
    List<String> workerArguments() {
        return workerProperties().entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toList();
    }

    @Override
    public void close() {
        sftp.close();
        simulator.close();
    }
}
