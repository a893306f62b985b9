package io.edukit.vmservice.devstack;

import io.edukit.vmservice.proxmoxsim.ProxmoxSimulator;
import io.edukit.vmservice.proxmoxsim.SimulatorSettings;
import io.edukit.vmservice.proxmoxsim.sftp.SnippetSftpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Proxmox node for the local stack: the simulator over HTTPS, with realistic timing twenty
 * times faster, and its SFTP channel for snippets. The worker trusts the simulator's own
 * certificate and pins the SFTP host key, exactly as it would a lab's: verification stays on.
 * <p>
 * The benchmarks start it with settings of their own, several nodes among them: the simulated
 * nodes share one snippet folder, so one SFTP server stands for every node's channel (each node's
 * SSH host is 127.0.0.1, on the same port, with the same pinned host key).
 */
public final class SimulatedProxmox implements AutoCloseable {

    /** Clone 8 s, start 5 s, guest agent after 15 s … on a real cluster; here a twentieth of that. */
    static final double TIME_SCALE = 0.05;
    static final String USER = "edukit-deploy";
    private static final String CERTIFICATE = "pve-ca.pem";

    private final Path nodeRoot;
    private final ProxmoxSimulator simulator;
    private final SnippetSftpServer sftp;
    private final Map<String, String> workerProperties;

    private SimulatedProxmox(Path nodeRoot, ProxmoxSimulator simulator, SnippetSftpServer sftp, Map<String, String> workerProperties) {
        this.nodeRoot = nodeRoot;
        this.simulator = simulator;
        this.sftp = sftp;
        this.workerProperties = workerProperties;
    }

    static SimulatedProxmox start() {
        return start(SimulatorSettings.defaults().toBuilder().timeScale(TIME_SCALE).build());
    }

    /** The simulator with these settings (their snippet folder replaced by the SFTP server's), and its SFTP channel. */
    public static SimulatedProxmox start(SimulatorSettings settings) {
        try {
            Path nodeRoot = Files.createTempDirectory("vmservice-pve-node");
            ProxmoxSimulator simulator = ProxmoxSimulator.start(settings.toBuilder()
                    .snippetsDirectory(SnippetSftpServer.snippetsDirectoryUnder(nodeRoot))
                    .build());
            SnippetSftpServer.DeployKey key = SnippetSftpServer.newDeployKey();
            SnippetSftpServer sftp = SnippetSftpServer.start(nodeRoot, "127.0.0.1", 0, USER, key.publicKey());
            Path certificate = nodeRoot.resolve(CERTIFICATE);
            simulator.writeCertificate(certificate);
            Map<String, String> worker = new LinkedHashMap<>();
            worker.put("proxmox.base-url", simulator.baseUrl());
            worker.put("proxmox.token-id", simulator.tokenId());
            worker.put("proxmox.token-secret", simulator.tokenSecret());
            worker.put("proxmox.ca-cert", certificate.toString());
            for (String node : simulator.settings().nodes()) {
                worker.put("proxmox.ssh.hosts." + node, "127.0.0.1");
                worker.put("proxmox.ssh.host-key-fingerprints." + node, sftp.hostKeyFingerprint());
            }
            worker.put("proxmox.ssh.port", String.valueOf(sftp.port()));
            worker.put("proxmox.ssh.user", USER);
            worker.put("proxmox.ssh.private-key", key.privateKeyOpenSsh());
            return new SimulatedProxmox(nodeRoot, simulator, sftp, worker);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the simulated Proxmox node", e);
        }
    }

    /** What the worker needs to reach this node: API, token, trusted certificate, SSH. */
    public Map<String, String> workerProperties() {
        return workerProperties;
    }

    String baseUrl() {
        return simulator.baseUrl();
    }

    String adminUrl() {
        return simulator.adminUrl();
    }

    /** The simulator's self-signed certificate, PEM: what a client of the node (curl --cacert) trusts. */
    Path certificate() {
        return nodeRoot.resolve(CERTIFICATE);
    }

    int sftpPort() {
        return sftp.port();
    }

    /** The node itself, for tests and benchmarks that look at what the worker made there. */
    public ProxmoxSimulator simulator() {
        return simulator;
    }

    @Override
    public void close() {
        try {
            sftp.close();
        } finally {
            simulator.close();
            deleteQuietly(nodeRoot);
        }
    }

    /** The node's snippets and certificate live only as long as the stack. */
    private static void deleteQuietly(Path root) {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder left behind is cleaned by the system
        }
    }
}
