package io.edukit.vmservice.devstack;

import io.edukit.vmservice.proxmoxsim.ProxmoxSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

import java.util.Map;

/**
 * The scenarios against the production shape's own images: Apache Kafka in KRaft mode and
 * PostgreSQL in containers, with the local stack's simulated Proxmox node (API and SFTP, in this
 * JVM) for the worker to provision on and its token issuer for the API to trust. Runs where a Docker engine answers; skipped where none does.
 */
@Testcontainers(disabledWithoutDocker = true)
class ContainerStackEndToEndTest extends EndToEndScenarios {

    @Container
    static final KafkaContainer kafka = new KafkaContainer("apache/kafka:4.1.0");
    @Container
    static final PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:17");

    static SimulatedProxmox proxmox;
    static LocalIssuer issuer;
    static ServiceApps apps;

    @BeforeAll
    static void startApps() {
        proxmox = SimulatedProxmox.start();
        issuer = LocalIssuer.start();
        apps = ServiceApps.start(containerConnections(), proxmox.workerProperties(), issuer.apiProperties(), 0, 0, Map.of());
    }

    @AfterAll
    static void stopApps() {
        apps.close();
        issuer.close();
        proxmox.close();
    }

    static Connections containerConnections() {
        return new Connections(kafka.getBootstrapServers(), postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword());
    }

    @Override
    String apiUrl() {
        return "http://localhost:" + apps.apiPort();
    }

    @Override
    Connections connections() {
        return containerConnections();
    }

    @Override
    ProxmoxSimulator proxmox() {
        return proxmox.simulator();
    }

    @Override
    LocalIssuer issuer() {
        return issuer;
    }
}
