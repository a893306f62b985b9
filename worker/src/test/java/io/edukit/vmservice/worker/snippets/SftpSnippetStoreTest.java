package io.edukit.vmservice.worker.snippets;

import io.edukit.vmservice.testsupport.Ports;
import io.edukit.vmservice.worker.catalog.ImagePlacement;
import io.edukit.vmservice.worker.catalog.OsImages;
import io.edukit.vmservice.worker.environment.DeploymentEnvironment;
import io.edukit.vmservice.worker.provisioning.FailureClass;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.Mockito;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(OutputCaptureExtension.class)
class SftpSnippetStoreTest {

    static final byte[] USER_DATA = "#cloud-config\nhostname: ws-1\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path root;
    InProcessSftpServer node;
    SftpSnippetStore store;

    @BeforeEach
    void startNode() throws Exception {
        node = new InProcessSftpServer(root).start(0);
        store = new SftpSnippetStore(properties(node.port(), node.clientPrivateKey(), node.hostKeyFingerprint(), false),
                DeploymentEnvironment.PRODUCTION);
    }

    @AfterEach
    void stopNode() throws Exception {
        store.close();
        node.close();
    }

    static SshProperties properties(int port, String privateKey, @Nullable String fingerprint, boolean acceptAny) {
        return new SshProperties(Map.of("pve4", "127.0.0.1"), port, InProcessSftpServer.USER, privateKey, null, null, null,
                fingerprint == null ? Map.of() : Map.of("pve4", fingerprint), acceptAny, "/snippets",
                Duration.ofSeconds(5), Duration.ofSeconds(5), 2);
    }

    private SftpSnippetStore knownHostsStore(Path knownHosts) throws Exception {
        return new SftpSnippetStore(new SshProperties(Map.of("pve4", "127.0.0.1"), node.port(), InProcessSftpServer.USER,
                node.clientPrivateKey(), null, null, knownHosts, Map.of(), false, "/snippets",
                Duration.ofSeconds(5), Duration.ofSeconds(5), 2), DeploymentEnvironment.PRODUCTION);
    }

    /** A store configured like the good one, but for a port where no node listens. */
    private SftpSnippetStore unreachableStore() throws Exception {
        return new SftpSnippetStore(properties(Ports.unused(), node.clientPrivateKey(), node.hostKeyFingerprint(), false),
                DeploymentEnvironment.PRODUCTION);
    }

    @Test
    void aSnippetIsWrittenWholeListedAndDeleted() throws Exception {
        store.write("pve4", "vm-4101.yaml", USER_DATA);

        assertThat(node.snippets().resolve("vm-4101.yaml")).hasBinaryContent(USER_DATA);
        assertThat(store.list("pve4")).containsExactly("vm-4101.yaml");

        store.delete("pve4", "vm-4101.yaml");
        assertThat(node.snippets().resolve("vm-4101.yaml")).doesNotExist();
    }

    @Test
    void deletingAnAbsentSnippetCountsAsDone() {
        store.delete("pve4", "never-written.yaml");

        assertThat(store.list("pve4")).isEmpty();
    }

    @Test
    void writingAgainReplacesTheFileAndLeavesNoTemporaryFile() throws Exception {
        store.write("pve4", "vm-4101.yaml", USER_DATA);
        store.write("pve4", "vm-4101.yaml", USER_DATA);
        byte[] changed = "#cloud-config\nhostname: ws-2\n".getBytes(StandardCharsets.UTF_8);
        store.write("pve4", "vm-4101.yaml", changed);

        assertThat(node.snippets().resolve("vm-4101.yaml")).hasBinaryContent(changed);
        try (Stream<Path> files = Files.list(node.snippets())) {
            assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("vm-4101.yaml");
        }
    }

    @Test
    void aTemporaryFileLeftByADroppedWriteIsOverwrittenByTheRetryAndRemovedByDelete() throws Exception {
        Files.write(node.snippets().resolve(".vm-4101.yaml.tmp"), "#cloud-config\nhalf a fi".getBytes(StandardCharsets.UTF_8));

        store.write("pve4", "vm-4101.yaml", USER_DATA);

        assertThat(node.snippets().resolve("vm-4101.yaml")).hasBinaryContent(USER_DATA);
        assertThat(node.snippets().resolve(".vm-4101.yaml.tmp")).doesNotExist();

        Files.write(node.snippets().resolve(".vm-4101.yaml.tmp"), "left behind".getBytes(StandardCharsets.UTF_8));
        store.delete("pve4", "vm-4101.yaml");
        try (Stream<Path> files = Files.list(node.snippets())) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aLargeSnippetArrivesIntact() {
        byte[] large = new byte[700 * 1024];
        for (int i = 0; i < large.length; i++) {
            large[i] = (byte) ('a' + i % 26);
        }

        store.write("pve4", "big.yaml", large);

        assertThat(node.snippets().resolve("big.yaml")).hasBinaryContent(large);
    }

    @Test
    void aFailedWriteLeavesNeitherPartialNorTemporaryFile() throws Exception {
        Files.createDirectory(node.snippets().resolve("vm-4101.yaml"));

        assertThatThrownBy(() -> store.write("pve4", "vm-4101.yaml", USER_DATA)).isInstanceOf(SnippetStoreException.class);

        try (Stream<Path> files = Files.list(node.snippets())) {
            assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("vm-4101.yaml");
        }
        assertThat(node.snippets().resolve("vm-4101.yaml")).isDirectory();
    }

    @Test
    void concurrentWritesShareTheConnectionWithinTheSessionBound() {
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String name = "vm-" + (5000 + i) + ".yaml";
            writes.add(CompletableFuture.runAsync(() -> store.write("pve4", name, USER_DATA)));
        }
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();

        assertThat(store.list("pve4")).hasSize(12);
    }

    @Test
    void aSessionIsKeptOpenFromOneCallToTheNextEvenAfterTheServerRefusedOne() throws Exception {
        Files.createDirectory(node.snippets().resolve("vm-4101.yaml"));
        store.write("pve4", "vm-4102.yaml", USER_DATA);
        assertThatThrownBy(() -> store.write("pve4", "vm-4101.yaml", USER_DATA)).isInstanceOf(SnippetStoreException.class);
        store.delete("pve4", "vm-4102.yaml");

        assertThat(store.list("pve4")).as("a directory is no snippet").isEmpty();
        assertThat(node.channelsOpened()).as("SFTP sessions opened for four calls").isEqualTo(1);
    }

    @Test
    void theConnectionIsOpenedAgainAfterTheNodeDroppedIt() throws Exception {
        store.write("pve4", "before.yaml", USER_DATA);
        int port = node.port();
        node.stop();
        node.start(port);

        store.write("pve4", "after.yaml", USER_DATA);

        assertThat(store.list("pve4")).containsExactly("after.yaml", "before.yaml");
    }

    @Test
    void hostKeysCanBeVerifiedByAKnownHostsFile() throws Exception {
        Path knownHosts = root.resolve("known_hosts");
        Files.writeString(knownHosts, node.knownHostsLine() + "\n");
        SftpSnippetStore verified = knownHostsStore(knownHosts);

        verified.write("pve4", "known.yaml", USER_DATA);
        Files.writeString(knownHosts, "[127.0.0.1]:" + node.port() + " " + PublicKeyEntry.toString(KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256).getPublic()) + "\n");
        SftpSnippetStore misled = knownHostsStore(knownHosts);

        assertThat(node.snippets().resolve("known.yaml")).exists();
        assertThatThrownBy(() -> misled.list("pve4")).hasMessageContaining("host key verification failed");
        verified.close();
        misled.close();
    }

    @Test
    void anUnexpectedHostKeyIsRefusedAndLoggedAsASecurityEvent(CapturedOutput output) throws Exception {
        String otherFingerprint = KeyUtils.getFingerPrint(org.apache.sshd.common.digest.BuiltinDigests.sha256,
                KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256).getPublic());
        SftpSnippetStore impostorCheck = new SftpSnippetStore(
                properties(node.port(), node.clientPrivateKey(), otherFingerprint, false), DeploymentEnvironment.PRODUCTION);

        assertThatThrownBy(() -> impostorCheck.write("pve4", "vm-1.yaml", USER_DATA))
                .isInstanceOfSatisfying(SnippetStoreException.class, e -> assertThat(e.failureClass()).isEqualTo(FailureClass.PERMANENT))
                .hasMessageContaining("host key verification failed");
        assertThat(output).contains("SECURITY: the SSH host key of pve4");
        impostorCheck.close();
    }

    @Test
    void aKeyTheNodeDoesNotKnowIsAPermanentFailureThatNeverShowsTheKey() throws Exception {
        String strangerKey = InProcessSftpServer.openSsh(KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256));
        SftpSnippetStore stranger = new SftpSnippetStore(
                properties(node.port(), strangerKey, node.hostKeyFingerprint(), false), DeploymentEnvironment.PRODUCTION);

        assertThatThrownBy(() -> stranger.write("pve4", "vm-1.yaml", USER_DATA))
                .isInstanceOfSatisfying(SnippetStoreException.class, e -> assertThat(e.failureClass()).isEqualTo(FailureClass.PERMANENT))
                .hasMessageContaining("refused the service account's key")
                .satisfies(e -> assertThat(e.toString()).doesNotContain(strangerKey.lines().toList().get(1)));
        stranger.close();
    }

    @Test
    void aKeyThatDoesNotParseIsReportedWithoutItsText() throws Exception {
        List<String> lines = new ArrayList<>(node.clientPrivateKey().lines().toList());
        String body = "c2VjcmV0LWtleS1tYXRlcmlhbA==";
        lines.set(1, body); // the key made for this test, its body replaced: framed as a key, but no key
        String garbled = String.join("\n", lines) + "\n";
        SftpSnippetStore broken = new SftpSnippetStore(
                properties(node.port(), garbled, node.hostKeyFingerprint(), false), DeploymentEnvironment.PRODUCTION);

        assertThatThrownBy(() -> broken.list("pve4"))
                .hasMessageContaining("the SSH private key could not be read")
                .satisfies(e -> assertThat(e.toString()).doesNotContain(body));
        broken.close();
    }

    @Test
    void aRefusedConnectionIsTransient() throws Exception {
        SftpSnippetStore unreachable = unreachableStore();

        assertThatThrownBy(() -> unreachable.list("pve4"))
                .isInstanceOfSatisfying(SnippetStoreException.class, e -> assertThat(e.failureClass()).isEqualTo(FailureClass.TRANSIENT));
        unreachable.close();
    }

    @Test
    void healthIsUpWhenEveryImageNodesSnippetDirectoryAnswers() throws Exception {
        OsImages images = Mockito.mock(OsImages.class);
        Mockito.when(images.placements()).thenReturn(List.of(new ImagePlacement("debian-12", "pve4", 9999, "local-lvm")));
        SftpSnippetStore unreachable = unreachableStore();

        Health up = new SnippetStoreHealthIndicator(store, images).health();
        Health down = new SnippetStoreHealthIndicator(unreachable, images).health();

        assertThat(up.getStatus()).isEqualTo(Status.UP);
        assertThat(up.getDetails()).containsEntry("nodes", Map.of("pve4", "ok: 0 snippets"));
        assertThat(down.getStatus()).isEqualTo(Status.DOWN);
        assertThat(down.getDetails().get("nodes").toString()).contains("listing on pve4");
        unreachable.close();
    }

    @Test
    void acceptingAnyHostKeyIsForDevelopmentOnlyAndWarned(CapturedOutput output) throws Exception {
        for (DeploymentEnvironment refused : List.of(DeploymentEnvironment.PRODUCTION, DeploymentEnvironment.STAGING)) {
            assertThatThrownBy(() -> new SftpSnippetStore(properties(node.port(), node.clientPrivateKey(), null, true), refused))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("proxmox.ssh.accept-any-host-key=true is refused in environment " + refused);
        }

        SftpSnippetStore lab = new SftpSnippetStore(properties(node.port(), node.clientPrivateKey(), null, true), DeploymentEnvironment.DEVELOPMENT);
        lab.write("pve4", "lab.yaml", USER_DATA);

        assertThat(output).contains("SSH host keys are NOT verified");
        assertThat(node.snippets().resolve("lab.yaml")).exists();
        lab.close();
    }
}
