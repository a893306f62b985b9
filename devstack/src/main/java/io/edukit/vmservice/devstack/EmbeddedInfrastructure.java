package io.edukit.vmservice.devstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * A KRaft broker and a PostgreSQL server in this JVM, on free ports, gone when closed. Public for
 * the benchmarks, which run the worker and the API in JVMs of their own against it.
 */
public final class EmbeddedInfrastructure implements AutoCloseable {

    private final EmbeddedKafkaKraftBroker kafka;
    private final EmbeddedPostgres postgres;

    private EmbeddedInfrastructure(EmbeddedKafkaKraftBroker kafka, EmbeddedPostgres postgres) {
        this.kafka = kafka;
        this.postgres = postgres;
    }

    public static EmbeddedInfrastructure start() {
        return start(Map.of());
    }

    /** @param postgresSettings server settings of PostgreSQL ({@code postgresql.conf} names), e.g. for benchmarks */
    public static EmbeddedInfrastructure start(Map<String, String> postgresSettings) {
        EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, 1);
        // The worker creates its topics; a broker that made them on first use would give them one partition.
        kafka.brokerProperties(Map.of("auto.create.topics.enable", "false"));
        kafka.afterPropertiesSet();
        try {
            // Stopped by close(), after the apps: its own shutdown hook would take the database away
            // from a worker still handing its jobs back.
            EmbeddedPostgres.Builder postgres = EmbeddedPostgres.builder().setRegisterShutdownHook(false);
            postgresSettings.forEach(postgres::setServerConfig);
            return new EmbeddedInfrastructure(kafka, postgres.start());
        } catch (IOException e) {
            kafka.destroy();
            throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
        }
    }

    public Connections connections() {
        return new Connections(kafka.getBrokersAsString(), postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
    }

    @Override
    public void close() {
        kafka.destroy();
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
