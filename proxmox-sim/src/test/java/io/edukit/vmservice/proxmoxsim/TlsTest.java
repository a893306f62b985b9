package io.edukit.vmservice.proxmoxsim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edukit.vmservice.proxmoxsim.testing.PveClient;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsTest {

    private static ProxmoxSimulator sim;

    @BeforeAll
    static void start() {
        sim = ProxmoxSimulator.start(SimulatorSettings.instant());
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static HttpResponse<String> version(HttpClient client, String host) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("https://" + host + ":" + sim.port() + "/api2/json/version"))
                .header("Authorization", sim.authorizationHeader()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aClientWithTheDefaultTrustStoreRefusesTheSelfSignedCertificate() {
        assertThatThrownBy(() -> version(HttpClient.newHttpClient(), "127.0.0.1")).isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void aClientTrustingTheCertificateReachesBothNamesWithHostnameVerificationOn() throws Exception {
        HttpClient trusting = HttpClient.newBuilder().sslContext(PveClient.trusting(sim.certificatePem())).build();

        assertThat(version(trusting, "127.0.0.1").statusCode()).isEqualTo(200);
        assertThat(version(trusting, "localhost").statusCode()).isEqualTo(200);
    }

    @Test
    void theWrittenCertificateIsTheServedOneWithLocalhostAndLoopbackNames(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("certs/pve-sim.pem");

        sim.writeCertificate(file);

        assertThat(Files.readString(file)).isEqualTo(sim.certificatePem()).startsWith("-----BEGIN CERTIFICATE-----");
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(sim.certificatePem().getBytes(StandardCharsets.US_ASCII)));
        List<Object> names = cert.getSubjectAlternativeNames().stream().<Object>map(name -> name.get(1)).toList();
        assertThat(names).contains("localhost", "127.0.0.1");
        assertThat(cert.getExtendedKeyUsage()).isEqualTo(List.of("1.3.6.1.5.5.7.3.1"));
        assertThat(cert.getBasicConstraints()).isEqualTo(-1);
    }
}
