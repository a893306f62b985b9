package io.edukit.vmservice.worker.snippets;

import io.edukit.vmservice.proxmoxsim.ProxmoxSimulator;
import io.edukit.vmservice.proxmoxsim.SimulatorSettings;
import io.edukit.vmservice.proxmoxsim.sftp.SnippetSftpServer;
import io.edukit.vmservice.worker.environment.DeploymentEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Rendered user-data written by the store, over SFTP, where the simulated node reads snippets. */
class SnippetsAgainstSimulatorTest {

    @TempDir
    static Path nodeRoot;
    static ProxmoxSimulator simulator;
    static SnippetSftpServer node;
    static SftpSnippetStore store;

    @BeforeAll
    static void start() {
        simulator = ProxmoxSimulator.start(SimulatorSettings.instant().toBuilder()
                .snippetsDirectory(SnippetSftpServer.snippetsDirectoryUnder(nodeRoot)).build());
        SnippetSftpServer.DeployKey key = SnippetSftpServer.newDeployKey();
        node = SnippetSftpServer.start(nodeRoot, "127.0.0.1", 0, "edukit-deploy", key.publicKey());
        store = new SftpSnippetStore(new SshProperties(Map.of("pve4", "127.0.0.1"), node.port(), "edukit-deploy",
                key.privateKeyOpenSsh(), null, null, null, Map.of("pve4", node.hostKeyFingerprint()), false,
                "/var/lib/vz/snippets", Duration.ofSeconds(5), Duration.ofSeconds(5), 2), DeploymentEnvironment.PRODUCTION);
    }

    @AfterAll
    static void stop() {
        store.close();
        node.close();
        simulator.close();
    }

    @Test
    void renderedUserDataLandsInTheNodesSnippetStorage() throws Exception {
        byte[] userData = new UserDataRenderer().render(new UserDataRequest("ws-alice-01", null, "student",
                List.of("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKeDl/ezd7h4zxP2a4Ms4QFlxmRwD8OdeQaOCyEaCoX/ student@edukit"), List.of()));

        store.write("pve4", "vm-4101.yaml", userData);

        assertThat(simulator.snippetsDirectory().resolve("vm-4101.yaml")).hasBinaryContent(userData);
        assertThat(store.list("pve4")).containsExactly("vm-4101.yaml");
    }
}
