package io.edukit.vmservice.proxmoxsim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edukit.vmservice.proxmoxsim.testing.PveClient;
import io.edukit.vmservice.proxmoxsim.testing.SimulatorExtension;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;

class TlsTest {

    @RegisterExtension
    static final SimulatorExtension pve = SimulatorExtension.instant();

    private static HttpResponse<String> version(HttpClient client, String host) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("https://" + host + ":" + pve.sim().port() + "/api2/json/version"))
                .header("Authorization", pve.sim().authorizationHeader()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aClientWithTheDefaultTrustStoreRefusesTheSelfSignedCertificate() {
        assertThatThrownBy(() -> version(HttpClient.newHttpClient(), "127.0.0.1")).isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void aClientTrustingTheCertificateReachesBothNamesWithHostnameVerificationOn() throws Exception {
        HttpClient trusting = HttpClient.newBuilder().sslContext(PveClient.trusting(pve.sim().certificatePem())).build();

        assertThat(version(trusting, "127.0.0.1").statusCode()).isEqualTo(200);
        assertThat(version(trusting, "localhost").statusCode()).isEqualTo(200);
    }

    @Test
    void theWrittenCertificateIsTheServedOneWithLocalhostAndLoopbackNames(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("certs/pve-pve.sim().pem");

        pve.sim().writeCertificate(file);

        assertThat(Files.readString(file)).isEqualTo(pve.sim().certificatePem()).startsWith("-----BEGIN CERTIFICATE-----");
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pve.sim().certificatePem().getBytes(StandardCharsets.US_ASCII)));
        List<Object> names = cert.getSubjectAlternativeNames().stream().<Object>map(name -> name.get(1)).toList();
        assertThat(names).contains("localhost", "127.0.0.1");
        assertThat(cert.getExtendedKeyUsage()).isEqualTo(List.of("1.3.6.1.5.5.7.3.1"));
        assertThat(cert.getBasicConstraints()).isEqualTo(-1);
    }
}
