package io.edukit.vmservice.api.support;

import io.edukit.vmservice.schemas.Topics;
import io.edukit.vmservice.testsupport.EmbeddedPostgresInitializer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.ContextConfiguration;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The API on a random port against an in-process KRaft broker and a real PostgreSQL, trusting the
 * {@link TestIssuer}; no worker, so a call that asks for a template check waits
 * {@value #TEMPLATE_CHECK_WAIT} for one (a test plays the worker with {@link TemplateCheckRows}):
 * long enough that a stalled test machine does not turn a check the test completes into a 202,
 * short enough for the two tests that wait it out.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=api",
        "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
        "vmservice.ops.template-check-wait=" + ApiTest.TEMPLATE_CHECK_WAIT
})
@EmbeddedKafka(partitions = 3, topics = {Topics.COMMANDS, Topics.COMMANDS_DLT})
@ContextConfiguration(initializers = {EmbeddedPostgresInitializer.class, TestIssuer.Initializer.class})
@Import(TemplateCheckRows.class)
public @interface ApiTest {

    String TEMPLATE_CHECK_WAIT = "10s";
}
