package io.edukit.vmservice.worker.proxmox;

import io.edukit.vmservice.worker.environment.DeploymentEnvironment;
import io.edukit.vmservice.worker.environment.EnvironmentProperties;
import org.jspecify.annotations.Nullable;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/** A Proxmox client built as the application builds it, pointed wherever a test needs. */
final class ProxmoxFixtures {

    static final String TOKEN_ID = "edukit-api-dev@pve!vm-service";
    static final String SECRET = "5ec4e7a1-0000-4c1d-9e5e-5ec4e75ec4e7";

    private ProxmoxFixtures() {
    }

    static ProxmoxProperties properties(String baseUrl, boolean verifySsl, @Nullable Path caCert) {
        return new ProxmoxProperties(URI.create(baseUrl), TOKEN_ID, SECRET, null, verifySsl, caCert,
                Duration.ofSeconds(2), Duration.ofSeconds(2), 8, Duration.ofSeconds(10), Duration.ofMillis(10), Duration.ofMillis(50));
    }

    static ProxmoxClient client(String baseUrl) {
        return client(properties(baseUrl, true, null), DeploymentEnvironment.PRODUCTION);
    }

    static ProxmoxClient client(ProxmoxProperties properties, DeploymentEnvironment environment) {
        ProxmoxConfiguration configuration = new ProxmoxConfiguration();
        return configuration.proxmoxClient(
                configuration.proxmoxHttpClient(properties, new EnvironmentProperties(environment)), properties);
    }
}
