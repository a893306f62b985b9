package io.edukit.vmservice.devstack;

import io.edukit.vmservice.api.ApiApplication;
import io.edukit.vmservice.worker.WorkerApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The worker and the API as two Spring applications in this JVM, each with its own context
 * and configuration file, wired to the given Kafka, PostgreSQL and Proxmox, the API trusting the given
 * token issuer. The worker starts first: it migrates the database and creates the topics.
 * Public for {@link #workerSettings}: the benchmarks run the worker on the same class path, in a JVM of its own.
 */
public final class ServiceApps implements AutoCloseable {

    private final ConfigurableApplicationContext worker;
    private final ConfigurableApplicationContext api;

    private ServiceApps(ConfigurableApplicationContext worker, ConfigurableApplicationContext api) {
        this.worker = worker;
        this.api = api;
    }

    /**
     * The API's security on the shared class path: the worker has none of its own (its port serves
     * Actuator only), so Boot's default web security, which would lock its health away, stays off.
     */
    private static final String WORKER_WITHOUT_WEB_SECURITY = String.join(",",
            "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
            "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration");

    /**
     * @param proxmox where the worker finds Proxmox (API, token, certificate, SSH)
     * @param issuer  which token issuer the API trusts
     * @param overrides any setting, for both applications
     */
    static ServiceApps start(Connections connections, Map<String, String> proxmox, Map<String, String> issuer,
                             int apiPort, int workerPort, Map<String, String> overrides) {
        ConfigurableApplicationContext worker = run(WorkerApplication.builder(), connections, workerPort,
                workerSettings(proxmox), overrides);
        try {
            return new ServiceApps(worker, run(ApiApplication.builder(), connections, apiPort, issuer, overrides));
        } catch (RuntimeException e) {
            worker.close();
            throw e;
        }
    }

    /**
     * The worker's settings on the local stack's class path, which the API shares: the given
     * Proxmox settings, the Development environment, and no web security of the API's.
     */
    public static Map<String, String> workerSettings(Map<String, String> proxmox) {
        Map<String, String> settings = new java.util.LinkedHashMap<>(proxmox);
        settings.put("vmservice.environment", "Development");
        settings.put("spring.autoconfigure.exclude", WORKER_WITHOUT_WEB_SECURITY);
        return settings;
    }

    int apiPort() {
        return port(api);
    }

    int workerPort() {
        return port(worker);
    }

    @Override
    public void close() {
        api.close();
        worker.close();
    }

    /** Command-line arguments, because they outrank the applications' own configuration files. */
    private static ConfigurableApplicationContext run(SpringApplicationBuilder app, Connections connections, int port,
                                                      Map<String, String> defaults, Map<String, String> overrides) {
        List<String> args = new ArrayList<>();
        defaults.forEach((key, value) -> args.add("--" + key + "=" + value));
        args.add("--server.port=" + port);
        args.add("--spring.kafka.bootstrap-servers=" + connections.kafkaBootstrapServers());
        args.add("--spring.datasource.url=" + connections.jdbcUrl());
        args.add("--spring.datasource.username=" + connections.dbUser());
        args.add("--spring.datasource.password=" + connections.dbPassword());
        overrides.forEach((key, value) -> args.add("--" + key + "=" + value));
        return app.registerShutdownHook(false).run(args.toArray(String[]::new));
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
    }
}
