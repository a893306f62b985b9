package io.edukit.vmservice.worker.proxmox;

import io.edukit.vmservice.worker.environment.DeploymentEnvironment;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.client5.http.ssl.TrustAllStrategy;
import org.apache.hc.core5.ssl.SSLContextBuilder;
import org.apache.hc.core5.ssl.SSLContexts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;

/**
 * The TLS rules for the Proxmox API: verify against the system's CAs, or against the CA (or the
 * pinned certificate) in {@code proxmox.ca-cert}; skip verification only where a lab asks for it
 * with {@code proxmox.verify-ssl=false}, and never in Production.
 */
final class ProxmoxTls {

    private static final Logger log = LoggerFactory.getLogger(ProxmoxTls.class);

    private ProxmoxTls() {
    }

    static TlsSocketStrategy strategy(ProxmoxProperties properties, DeploymentEnvironment environment) {
        if (!properties.verifySsl()) {
            if (environment.isProduction()) {
                throw new IllegalStateException("proxmox.verify-ssl=false is refused in environment " + environment
                        + " (vmservice.environment): Production always verifies the Proxmox certificate. Trust a lab's"
                        + " self-signed certificate with proxmox.ca-cert instead, or run the lab as Development or Staging.");
            }
            log.warn("proxmox.verify-ssl=false in environment {}: the Proxmox TLS certificate is NOT verified."
                    + " Lab clusters only; proxmox.ca-cert keeps verification on.", environment);
            return ClientTlsStrategyBuilder.create()
                    .setSslContext(trustingAnyCertificate())
                    .setHostnameVerifier(NoopHostnameVerifier.INSTANCE)
                    .buildClassic();
        }
        SSLContext context = properties.caCert() == null ? SSLContexts.createSystemDefault() : trusting(properties.caCert());
        return ClientTlsStrategyBuilder.create().setSslContext(context).buildClassic();
    }

    private static SSLContext trusting(Path caCert) {
        try (InputStream in = Files.newInputStream(caCert)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new IllegalStateException("proxmox.ca-cert " + caCert + " holds no PEM certificate");
            }
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int i = 0;
            for (Certificate certificate : certificates) {
                trusted.setCertificateEntry("proxmox-ca-" + i++, certificate);
            }
            return SSLContextBuilder.create().loadTrustMaterial(trusted, null).build();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read proxmox.ca-cert " + caCert + ": " + e.getMessage(), e);
        }
    }

    private static SSLContext trustingAnyCertificate() {
        try {
            return SSLContextBuilder.create().loadTrustMaterial(TrustAllStrategy.INSTANCE).build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
