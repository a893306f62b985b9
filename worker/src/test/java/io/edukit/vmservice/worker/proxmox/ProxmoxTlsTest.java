package io.edukit.vmservice.worker.proxmox;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.edukit.vmservice.worker.catalog.OsImages;
import io.edukit.vmservice.worker.environment.DeploymentEnvironment;
import io.edukit.vmservice.worker.provisioning.FailureClass;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mockito.Mockito;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.nio.file.Path;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every combination of verify-ssl, ca-cert and environment, against a real TLS server. */
@ExtendWith(OutputCaptureExtension.class)
class ProxmoxTlsTest {

    @TempDir
    static Path certificates;
    static TestCertificate serverCertificate;
    static TestCertificate otherCertificate;
    static WireMockServer pve;

    @BeforeAll
    static void startTlsServer() throws Exception {
        serverCertificate = TestCertificate.forLocalhost(certificates, "pve-lab");
        otherCertificate = TestCertificate.forLocalhost(certificates, "somebody-else");
        pve = new WireMockServer(wireMockConfig().dynamicHttpsPort().httpDisabled(true)
                .keystorePath(serverCertificate.keystore().toString()).keystoreType("PKCS12")
                .keystorePassword(serverCertificate.password()).keyManagerPassword(serverCertificate.password()));
        pve.start();
        pve.stubFor(get("/api2/json/version").willReturn(okJson("{\"data\":{\"version\":\"9.1.2\",\"release\":\"9.1\"}}")));
    }

    @AfterAll
    static void stop() {
        pve.stop();
    }

    static String url() {
        return "https://localhost:" + pve.httpsPort() + "/api2/json";
    }

    @Test
    void withVerificationOnTheLabCertificateIsTrustedThroughCaCert() {
        ProxmoxClient client = ProxmoxFixtures.client(
                ProxmoxFixtures.properties(url(), true, serverCertificate.pem()), DeploymentEnvironment.PRODUCTION);

        assertThat(client.version().version()).isEqualTo("9.1.2");
    }

    @Test
    void withVerificationOnAnUntrustedCertificateIsAPermanentFailureWithAHint() {
        ProxmoxClient client = ProxmoxFixtures.client(ProxmoxFixtures.properties(url(), true, null), DeploymentEnvironment.PRODUCTION);

        assertThatThrownBy(client::version)
                .isInstanceOfSatisfying(ProxmoxException.class, e -> assertThat(e.failureClass()).isEqualTo(FailureClass.PERMANENT))
                .hasMessageContaining("TLS certificate not trusted")
                .hasMessageContaining("proxmox.ca-cert");
    }

    @Test
    void aCaCertOfAnotherServerDoesNotVouchForThisOne() {
        ProxmoxClient client = ProxmoxFixtures.client(
                ProxmoxFixtures.properties(url(), true, otherCertificate.pem()), DeploymentEnvironment.PRODUCTION);

        assertThatThrownBy(client::version).hasMessageContaining("TLS certificate not trusted");
    }

    @ParameterizedTest
    @EnumSource(value = DeploymentEnvironment.class, names = {"DEVELOPMENT", "STAGING"})
    void aLabMayTurnVerificationOffOutsideProductionAndIsWarned(DeploymentEnvironment environment, CapturedOutput output) {
        ProxmoxClient client = ProxmoxFixtures.client(ProxmoxFixtures.properties(url(), false, null), environment);

        assertThat(client.version().version()).isEqualTo("9.1.2");
        assertThat(output).contains("proxmox.verify-ssl=false in environment " + environment + ": the Proxmox TLS certificate is NOT verified");
    }

    @Test
    void productionRefusesTheBypassWhateverTheFlagSays() {
        assertThatThrownBy(() -> ProxmoxFixtures.client(ProxmoxFixtures.properties(url(), false, serverCertificate.pem()),
                DeploymentEnvironment.PRODUCTION))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("proxmox.verify-ssl=false is refused in environment Production");
    }

    @Test
    void theWorkerDoesNotStartWithTheBypassWhenNoEnvironmentIsSet() {
        contextWith("proxmox.verify-ssl=false").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .hasMessageContaining("proxmox.verify-ssl=false")
                    .hasMessageContaining("environment Production");
        });
    }

    @Test
    void theWorkerStartsWithTheBypassInDevelopment() {
        contextWith("proxmox.verify-ssl=false", "vmservice.environment=Development")
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(ProxmoxClient.class));
    }

    private static ApplicationContextRunner contextWith(String... properties) {
        return new ApplicationContextRunner()
                .withUserConfiguration(ProxmoxConfiguration.class)
                .withBean(OsImages.class, () -> Mockito.mock(OsImages.class))
                .withPropertyValues("proxmox.token-secret=x", "proxmox.base-url=" + url())
                .withPropertyValues(properties);
    }
}
