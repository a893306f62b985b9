package io.edukit.vmservice.worker.snippets;

import io.edukit.vmservice.worker.environment.DeploymentEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The snippet store against a real OpenSSH server on loopback, as the Proxmox nodes run it.
 * CI installs openssh-server, so there it always runs (and a missing sshd fails the build);
 * elsewhere it is skipped with the reason when no sshd can be started.
 */
class OpenSshSnippetStoreTest {

    @TempDir
    static Path directory;
    static LoopbackOpenSshServer node;
    static SftpSnippetStore store;

    @BeforeAll
    static void startOpenSsh() throws Exception {
        String missing = LoopbackOpenSshServer.unavailableBecause();
        if (missing != null && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("CI must run the OpenSSH tests, but " + missing + ": .ci/run installs it");
        }
        assumeTrue(missing == null, () -> "skipped: " + missing);
        node = LoopbackOpenSshServer.start(directory);
        store = new SftpSnippetStore(new SshProperties(Map.of("pve4", "127.0.0.1"), node.port(), node.user(),
                node.clientPrivateKey(), null, null, null, Map.of("pve4", node.hostKeyFingerprint()), false,
                node.snippets().toString(), Duration.ofSeconds(5), Duration.ofSeconds(5), 2),
                DeploymentEnvironment.PRODUCTION);
    }

    @AfterAll
    static void stopOpenSsh() throws Exception {
        if (store != null) {
            store.close();
        }
        if (node != null) {
            node.close();
        }
    }

    @Test
    void aSnippetIsWrittenAtomicallyReplacedListedAndDeleted() throws Exception {
        byte[] first = "#cloud-config\nhostname: ws-1\n".getBytes(StandardCharsets.UTF_8);
        byte[] second = "#cloud-config\nhostname: ws-2\n".getBytes(StandardCharsets.UTF_8);

        store.write("pve4", "vm-4101.yaml", first);
        store.write("pve4", "vm-4101.yaml", second);

        assertThat(node.snippets().resolve("vm-4101.yaml")).hasBinaryContent(second);
        try (Stream<Path> files = Files.list(node.snippets())) {
            assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("vm-4101.yaml");
        }
        assertThat(store.list("pve4")).containsExactly("vm-4101.yaml");

        store.delete("pve4", "vm-4101.yaml");
        store.delete("pve4", "vm-4101.yaml");
        assertThat(store.list("pve4")).isEmpty();
    }
}
