package io.edukit.vmservice.worker.support;

import io.edukit.vmservice.testsupport.EmbeddedPostgresInitializer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.ContextConfiguration;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The whole worker against an in-process KRaft broker and a real PostgreSQL, its Actuator on a
 * random port ({@code @LocalServerPort}); its step executor stays off, so that what commands make
 * of the database can be looked at as they left it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=worker",
        "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
        "server.port=0",
        "vmservice.kafka.partitions=3",
        "vmservice.outbox.poll-interval=100ms",
        "vmservice.outbox.batch-size=50",
        "proxmox.base-url=https://127.0.0.1:9/api2/json",
        "proxmox.token-secret=worker-test-secret",
        "vmservice.executor.enabled=false",
        // At the end of the run the database's shutdown hook may beat the context's: handing leases
        // back must then give up at once, not wait the default 30 s for a connection.
        "spring.datasource.hikari.connection-timeout=1000"
})
@EmbeddedKafka(partitions = 3)
@ContextConfiguration(initializers = EmbeddedPostgresInitializer.class)
public @interface WorkerTest {
}
