package io.edukit.vmservice.proxmoxsim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edukit.vmservice.proxmoxsim.testing.PveClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProxmoxSimulatorMainTest {

    @Test
    void theCommandLineStartsASimulatorWritesItsCertificateAndPrintsHowToReachIt(@TempDir Path dir) throws Exception {
        Path cert = dir.resolve("pve.pem");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        try (ProxmoxSimulator sim = ProxmoxSimulatorMain.run(new String[] {"--port=0", "--token-secret=abc-123",
                "--cert-out=" + cert, "--time-scale=0.05", "--api-version=pve8", "--template=9998:ubuntu-24.04:pve4",
                "--snippets-dir=" + dir.resolve("snippets")}, new PrintStream(printed, true, StandardCharsets.UTF_8))) {
            String output = printed.toString(StandardCharsets.UTF_8);

            assertThat(output).contains(sim.baseUrl(), "edukit-api-dev@pve!vm-service", cert.toAbsolutePath().toString())
                    .doesNotContain("abc-123");
            assertThat(Files.readString(cert)).isEqualTo(sim.certificatePem());
            assertThat(sim.tokenSecret()).isEqualTo("abc-123");
            assertThat(sim.settings().timeScale()).isEqualTo(0.05);
            assertThat(sim.vmids()).containsExactly(9998);
            assertThat(PveClient.of(sim).get("/version").data().path("release").asString()).isEqualTo("8.4");
        }
    }

    @Test
    void anUnknownOptionIsRefused() {
        assertThatThrownBy(() -> ProxmoxSimulatorMain.run(new String[] {"--colour=blue"}, System.out))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--colour");
    }
}
