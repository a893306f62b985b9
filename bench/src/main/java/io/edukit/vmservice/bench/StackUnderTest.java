package io.edukit.vmservice.bench;

import io.edukit.vmservice.api.ApiApplication;
import io.edukit.vmservice.devstack.Connections;
import io.edukit.vmservice.devstack.EmbeddedInfrastructure;
import io.edukit.vmservice.devstack.LocalIssuer;
import io.edukit.vmservice.devstack.ServiceApps;
import io.edukit.vmservice.devstack.SimulatedProxmox;
import io.edukit.vmservice.proxmoxsim.ProxmoxSimulator;
import io.edukit.vmservice.proxmoxsim.SimulatorSettings;
import io.edukit.vmservice.proxmoxsim.TemplateSpec;
import io.edukit.vmservice.worker.WorkerApplication;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole pipeline on this machine, as the scenario wants it: Kafka and PostgreSQL (in this
 * JVM, from the local stack), the simulated nodes over HTTPS and SFTP (in this JVM, so that their
 * task times are on this JVM's clock), the local token issuer, and the worker and the API each in
 * a JVM of its own. Node {@code pve4} holds template 9999 as on the local stack; each further node
 * ({@code pve5}, {@code pve6}, …) its own copy (9899, 9799, …), with its placement row.
 *
 * @param token a bearer token with vm:request and vm:read
 */
record StackUnderTest(EmbeddedInfrastructure infrastructure, SimulatedProxmox proxmox, LocalIssuer issuer,
                      ServiceProcess worker, ServiceProcess api, String token) implements AutoCloseable {

    private static final String ACTUATOR = "health,info,metrics,prometheus";

    static StackUnderTest start(Scenario scenario, Path runDir) throws InterruptedException {
        List<AutoCloseable> started = new ArrayList<>();
        try {
            EmbeddedInfrastructure infrastructure = remember(started,
                    EmbeddedInfrastructure.start(DatabaseStatements.SERVER_SETTINGS));
            SimulatedProxmox proxmox = remember(started, SimulatedProxmox.start(simulatorSettings(scenario)));
            LocalIssuer issuer = remember(started, LocalIssuer.start());
            String token = issuer.token(LocalIssuer.REQUEST, LocalIssuer.READ);
            Connections connections = infrastructure.connections();

            Map<String, String> workerSettings = new LinkedHashMap<>(ServiceApps.workerSettings(proxmox.workerProperties()));
            workerSettings.putAll(connectionSettings(connections));
            workerSettings.put("vmservice.max-concurrent-clones-per-node", Integer.toString(scenario.clonesPerNode()));
            workerSettings.put("vmservice.executor.worker-id", "bench-worker");
            workerSettings.put("management.endpoints.web.exposure.include", ACTUATOR);
            workerSettings.putAll(scenario.workerSettings());
            ServiceProcess worker = remember(started, ServiceProcess.start("worker", WorkerApplication.class.getName(),
                    workerSettings, scenario.workerHeapMb(), scenario.jvmOptions(), runDir, scenario.profile(), token));
            worker.awaitReady(Duration.ofMinutes(3));
            addPlacements(connections, scenario.nodes());

            Map<String, String> apiSettings = new LinkedHashMap<>(issuer.apiProperties());
            apiSettings.putAll(connectionSettings(connections));
            apiSettings.put("management.endpoints.web.exposure.include", ACTUATOR);
            ServiceProcess api = remember(started, ServiceProcess.start("api", ApiApplication.class.getName(),
                    apiSettings, scenario.apiHeapMb(), scenario.jvmOptions(), runDir, scenario.profile(), token));
            api.awaitReady(Duration.ofMinutes(3));
            return new StackUnderTest(infrastructure, proxmox, issuer, worker, api, token);
        } catch (RuntimeException | InterruptedException e) {
            closeAll(started.reversed());
            throw e;
        }
    }

    static String nodeName(int index) {
        return "pve" + (4 + index);
    }

    static int templateVmid(int index) {
        return 9999 - 100 * index;
    }

    private static SimulatorSettings simulatorSettings(Scenario scenario) {
        ProxmoxTiming timing = scenario.proxmox();
        List<String> nodes = new ArrayList<>();
        List<TemplateSpec> templates = new ArrayList<>();
        for (int i = 0; i < scenario.nodes(); i++) {
            nodes.add(nodeName(i));
            templates.add(i == 0 ? TemplateSpec.debian12() : TemplateSpec.of(templateVmid(i), "debian-12-cloud", nodeName(i)));
        }
        return SimulatorSettings.defaults().toBuilder()
                .nodes(nodes.toArray(String[]::new))
                .templates(templates.toArray(TemplateSpec[]::new))
                .latency(timing.latencyModel())
                .timeScale(timing.timeScale())
                .agentDelay(timing.agent())
                .seed(7)
                .build();
    }

    private static Map<String, String> connectionSettings(Connections connections) {
        return Map.of("spring.kafka.bootstrap-servers", connections.kafkaBootstrapServers(),
                "spring.datasource.url", connections.jdbcUrl(),
                "spring.datasource.username", connections.dbUser(),
                "spring.datasource.password", connections.dbPassword());
    }

    /** Migration V4 placed debian-12 on pve4 (9999); every further node gets its own copy's row. */
    private static void addPlacements(Connections connections, int nodes) {
        try (Connection db = DriverManager.getConnection(connections.jdbcUrl(), connections.dbUser(), connections.dbPassword());
             PreparedStatement insert = db.prepareStatement("""
                     insert into os_image_placement (os_image, node, template_vmid, storage)
                     select os_image, ?, ?, storage from os_image_placement where os_image = 'debian-12' and node = 'pve4'
                     on conflict do nothing""")) {
            for (int i = 1; i < nodes; i++) {
                insert.setString(1, nodeName(i));
                insert.setInt(2, templateVmid(i));
                insert.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot add the nodes' placements", e);
        }
    }

    Connections connections() {
        return infrastructure.connections();
    }

    ProxmoxSimulator simulator() {
        return proxmox.simulator();
    }

    @Override
    public void close() {
        closeAll(List.of(api, worker, issuer, proxmox, infrastructure));
    }

    private static <T extends AutoCloseable> T remember(List<AutoCloseable> started, T resource) {
        started.add(resource);
        return resource;
    }

    private static void closeAll(List<AutoCloseable> resources) {
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                System.err.println("bench: could not stop " + resource + ": " + e);
            }
        }
    }
}
