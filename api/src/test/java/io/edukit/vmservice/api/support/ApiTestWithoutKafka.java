package io.edukit.vmservice.api.support;

import io.edukit.vmservice.testsupport.EmbeddedPostgresInitializer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The API as {@link ApiTest} starts it, but no broker listens on the address it publishes to: every command times out. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=api",
        "spring.kafka.bootstrap-servers=127.0.0.1:9",
        "vmservice.commands.send-timeout=1500ms",
        "spring.kafka.producer.properties.max.block.ms=1000",
        "vmservice.ops.dead-letter-read-timeout=2s"
})
@ContextConfiguration(initializers = {EmbeddedPostgresInitializer.class, TestIssuer.Initializer.class})
public @interface ApiTestWithoutKafka {
}
