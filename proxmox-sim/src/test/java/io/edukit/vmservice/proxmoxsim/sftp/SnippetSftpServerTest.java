package io.edukit.vmservice.proxmoxsim.sftp;

import io.edukit.vmservice.proxmoxsim.ProxmoxSimulator;
import io.edukit.vmservice.proxmoxsim.SimulatorSettings;
import io.edukit.vmservice.proxmoxsim.testing.PveClient;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A snippet written over SFTP to /var/lib/vz/snippets is what a VM start then finds. */
class SnippetSftpServerTest {

    @TempDir
    Path nodeRoot;
    ProxmoxSimulator sim;
    SnippetSftpServer sftp;
    SnippetSftpServer.DeployKey deployKey;

    @BeforeEach
    void start() {
        sim = ProxmoxSimulator.start(SimulatorSettings.instant().toBuilder()
                .snippetsDirectory(SnippetSftpServer.snippetsDirectoryUnder(nodeRoot)).build());
        deployKey = SnippetSftpServer.newDeployKey();
        sftp = SnippetSftpServer.start(nodeRoot, "127.0.0.1", 0, "edukit-deploy", deployKey.publicKey());
    }

    @AfterEach
    void stop() {
        sftp.close();
        sim.close();
    }

    @Test
    void aSnippetUploadedOverSftpLetsTheVmStart() throws Exception {
        PveClient api = PveClient.of(sim);
        api.awaitTask(api.post("/nodes/pve4/qemu/9999/clone", "newid", "300", "full", "1").upid());
        api.put("/nodes/pve4/qemu/300/config", "cicustom", "user=local:snippets/vm-300.yaml");

        AtomicReference<String> seenHostKey = new AtomicReference<>();
        try (SshClient client = SshClient.setUpDefaultClient()) {
            client.setServerKeyVerifier((session, address, key) -> {
                seenHostKey.set(KeyUtils.getFingerPrint(BuiltinDigests.sha256, key));
                return true;
            });
            client.start();
            try (ClientSession session = client.connect("edukit-deploy", "127.0.0.1", sftp.port()).verify(Duration.ofSeconds(5)).getSession()) {
                session.addPublicKeyIdentity(privateKey());
                session.auth().verify(Duration.ofSeconds(5));
                try (SftpClient files = SftpClientFactory.instance().createSftpClient(session);
                     OutputStream out = files.write("/var/lib/vz/snippets/vm-300.yaml")) {
                    out.write("#cloud-config\nhostname: ws-300\n".getBytes(StandardCharsets.UTF_8));
                }
            }
        }

        assertThat(seenHostKey.get()).isEqualTo(sftp.hostKeyFingerprint());
        assertThat(api.awaitTask(api.post("/nodes/pve4/qemu/300/status/start").upid()).path("exitstatus").asString()).isEqualTo("OK");
    }

    @Test
    void anotherKeyIsNotLetIn() throws Exception {
        try (SshClient client = SshClient.setUpDefaultClient()) {
            client.setServerKeyVerifier((session, address, key) -> true);
            client.start();
            try (ClientSession session = client.connect("edukit-deploy", "127.0.0.1", sftp.port()).verify(Duration.ofSeconds(5)).getSession()) {
                session.addPublicKeyIdentity(KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256));

                assertThatThrownBy(() -> session.auth().verify(Duration.ofSeconds(5))).hasMessageContaining("No more authentication methods");
            }
        }
    }

    @Test
    void theDeployKeyPrintsWithoutItsPrivateHalf() {
        assertThat(deployKey.toString()).doesNotContain("PRIVATE KEY").contains("***");
        assertThat(deployKey.privateKeyOpenSsh()).contains("OPENSSH PRIVATE KEY");
    }

    private KeyPair privateKey() throws Exception {
        return SecurityUtils.loadKeyPairIdentities(null, null,
                new ByteArrayInputStream(deployKey.privateKeyOpenSsh().getBytes(StandardCharsets.US_ASCII)), null)
                .iterator().next();
    }
}
