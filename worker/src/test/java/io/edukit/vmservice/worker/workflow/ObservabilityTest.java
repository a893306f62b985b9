package io.edukit.vmservice.worker.workflow;

import io.edukit.vmservice.proxmoxsim.Operation;
import io.edukit.vmservice.proxmoxsim.SimulatorSettings;
import io.edukit.vmservice.schemas.MessageCodec;
import io.edukit.vmservice.schemas.Topics;
import io.edukit.vmservice.schemas.VmRequested;
import io.edukit.vmservice.schemas.VmStatus;
import io.edukit.vmservice.testsupport.KafkaProbe;
import io.edukit.vmservice.worker.support.PrometheusScrape;
import io.edukit.vmservice.worker.support.WorkerTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What OPS and an orchestrator see of a worker at work against the simulated node: the Prometheus
 * scrape over HTTP, the structured (ECS) log lines of a VM's steps, and the health groups.
 */
@WorkerTest
// JobRunner at DEBUG: each step's end is a line of its own only there.
@TestPropertySource(properties = {"logging.structured.format.console=ecs",
        "logging.level.io.edukit.vmservice.worker.execution.JobRunner=DEBUG"})
@ExtendWith(OutputCaptureExtension.class)
class ObservabilityTest {

    static final Duration WITHIN = Duration.ofSeconds(20);
    static final SimulatedNode node = SimulatedNode.start(SimulatorSettings.instant());
    static final JsonMapper json = JsonMapper.builder().build();
    static final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void pointTheWorkerAtTheNode(DynamicPropertyRegistry registry) {
        node.configureWithQuickExecutor(registry);
        registry.add("vmservice.metrics.refresh-interval", () -> "100ms");
        registry.add("vmservice.stuck-after", () -> "10m");
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MessageCodec codec;
    @Autowired
    EmbeddedKafkaBroker broker;

    Jobs jobs;

    @BeforeEach
    void connect() {
        jobs = new Jobs(jdbc, codec, broker.getBrokersAsString());
        node.simulator().faults().clear();
    }

    @AfterEach
    void disconnect() {
        node.simulator().faults().clear();
        jobs.close();
    }

    @AfterAll
    static void stopNode() {
        node.close();
    }

    @Test
    void aVmThatRanShowsInTheScrapeWithItsStepsJobsOutboxSlotsAndCircuits() {
        // One transient failure, so that a retry shows too.
        node.simulator().faults().failNext(Operation.START, 1, 596, "Connection timed out");
        VmRequested request = jobs.request();
        jobs.awaitStatus(request.vmId(), "RUNNING", WITHIN);

        long running = jdbc.sql("select count(*) from vm_job where status = 'RUNNING'").query(Long.class).single();
        PrometheusScrape scrape = awaitScrape(s -> {
            assertThat(s.value("vmservice_jobs", "status", "RUNNING")).as("jobs RUNNING").hasValue((double) running);
            assertThat(s.value("vmservice_outbox_pending")).as("events not yet relayed").hasValue(0.0);
        });

        for (String step : List.of("CLONE", "CLOUD_INIT", "RESIZE", "NETWORK")) {
            assertThat(scrape.value("vmservice_step_duration_seconds_count", "step", step, "outcome", "SUCCEEDED"))
                    .as("successful %s attempts", step).hasValueSatisfying(count -> assertThat(count).isGreaterThanOrEqualTo(1));
            assertThat(scrape.value("vmservice_step_duration_seconds_sum", "step", step, "outcome", "SUCCEEDED"))
                    .hasValueSatisfying(seconds -> assertThat(seconds).isPositive().isLessThan(60));
            assertThat(scrape.value("vmservice_step_attempts_total", "step", step))
                    .hasValueSatisfying(count -> assertThat(count).isGreaterThanOrEqualTo(1));
        }
        assertThat(scrape.series("vmservice_step_duration_seconds_bucket", "step", "CLONE", "outcome", "SUCCEEDED"))
                .as("a histogram, for quantiles across replicas").extracting(bucket -> bucket.labels().get("le"))
                .containsExactly("0.1", "0.25", "0.5", "1.0", "2.5", "5.0", "10.0", "30.0", "60.0", "120.0", "300.0",
                        "600.0", "1200.0", "+Inf");
        assertThat(scrape.value("vmservice_step_duration_seconds_count", "step", "START", "outcome", "RETRYING"))
                .hasValueSatisfying(count -> assertThat(count).isGreaterThanOrEqualTo(1));
        assertThat(scrape.value("vmservice_step_failures_total", "step", "START", "failure_class", "TRANSIENT", "outcome", "RETRYING"))
                .hasValueSatisfying(count -> assertThat(count).isGreaterThanOrEqualTo(1));
        assertThat(scrape.value("vmservice_step_attempts_total", "step", "START"))
                .as("the failed attempt and the one after it").hasValueSatisfying(count -> assertThat(count).isGreaterThanOrEqualTo(2));

        assertThat(scrape.series("vmservice_jobs")).extracting(sample -> sample.labels().get("status"))
                .containsExactlyInAnyOrder("REQUESTED", "PROVISIONING", "RUNNING", "FAILED", "DELETING", "DELETED");
        assertThat(scrape.value("vmservice_jobs_stuck")).hasValue(0.0);
        assertThat(scrape.value("vmservice_outbox_lag_seconds")).as("nothing waits to be relayed").hasValue(0.0);
        assertThat(scrape.value("vmservice_clone_slots_in_use", "node", SimulatedNode.NODE)).hasValue(0.0);
        assertThat(scrape.value("vmservice_clone_slots_max")).hasValue(2.0);
        assertThat(scrape.value("vmservice_dlt_records", "topic", Topics.COMMANDS_DLT)).isPresent();
        for (String channel : List.of("api", "ssh")) {
            String name = SimulatedNode.NODE + "/" + channel;
            assertThat(scrape.value("resilience4j_circuitbreaker_state", "name", name, "node", SimulatedNode.NODE,
                    "channel", channel, "state", "closed")).as("breaker %s closed", name).hasValue(1.0);
            assertThat(scrape.value("resilience4j_circuitbreaker_state", "name", name, "state", "open")).hasValue(0.0);
        }
        assertThat(scrape.value("resilience4j_circuitbreaker_calls_seconds_count", "name", SimulatedNode.NODE + "/api",
                "kind", "successful")).hasValueSatisfying(calls -> assertThat(calls).isGreaterThan(5));
    }

    @Test
    void metricsAreScrapedNotPushedToACollectorThatMayNotBeThere(@Autowired List<MeterRegistry> registries) {
        assertThat(registries).extracting(registry -> registry.getClass().getSimpleName())
                .contains("PrometheusMeterRegistry")
                .doesNotContain("OtlpMeterRegistry");
    }

    @Test
    void aCloneUnderWayHoldsOneOfItsNodesSlotsUntilItIsDone() {
        node.simulator().faults().latencySpikes(Operation.CLONE, 1.0, Duration.ofSeconds(2));
        VmRequested request = jobs.request();

        awaitScrape(s -> assertThat(s.value("vmservice_clone_slots_in_use", "node", SimulatedNode.NODE)).hasValue(1.0));
        jobs.awaitStatus(request.vmId(), "RUNNING", WITHIN);
        awaitScrape(s -> assertThat(s.value("vmservice_clone_slots_in_use", "node", SimulatedNode.NODE)).hasValue(0.0));
    }

    @Test
    void aJobInProgressThatHasNotChangedForStuckAfterIsCountedStuck() {
        UUID vmId = UUID.randomUUID();
        // No next attempt: no replica takes it up, as none would take up a job whose worker hangs.
        jdbc.sql("""
                        insert into vm_job (vm_id, status, step, os_image, hostname, cores, memory_mb, disk_gb, ssh_public_keys,
                                            owner_id, course_id, requested_by, last_sequence, version, created_at, updated_at)
                        values (?, 'PROVISIONING', 'CLONING', 'debian-12', 'ws-stuck', 1, 1024, 10, '{}', 'alice', 'net-101',
                                'lab-portal', 2, 1, now() - interval '2 hours', now() - interval '2 hours')""")
                .param(vmId).update();
        try {
            awaitScrape(s -> {
                assertThat(s.value("vmservice_jobs_stuck")).hasValue(1.0);
                assertThat(s.value("vmservice_jobs", "status", "PROVISIONING")).hasValueSatisfying(n -> assertThat(n).isGreaterThanOrEqualTo(1));
            });
        } finally {
            jdbc.sql("delete from vm_job where vm_id = ?").param(vmId).update();
        }
        awaitScrape(s -> assertThat(s.value("vmservice_jobs_stuck")).hasValue(0.0));
    }

    @Test
    void aDeadLetteredCommandIsCountedInTheDeadLetterTopicsSize() throws Exception {
        double before = PrometheusScrape.of(port).value("vmservice_dlt_records", "topic", Topics.COMMANDS_DLT).orElse(0.0);
        try (KafkaProbe commands = new KafkaProbe(broker.getBrokersAsString(), Topics.COMMANDS)) {
            commands.send(Topics.COMMANDS, UUID.randomUUID().toString(), "not a command".getBytes(StandardCharsets.UTF_8));
        }

        awaitScrape(s -> assertThat(s.value("vmservice_dlt_records", "topic", Topics.COMMANDS_DLT)).hasValue(before + 1));
    }

    @Test
    void everyLineOfAVmsStepsIsJsonCarryingItsVmIdStepAndAttempt(CapturedOutput output) {
        node.simulator().faults().failNext(Operation.RESIZE, 1, 596, "Connection timed out");
        VmRequested request = jobs.request();
        jobs.awaitStatus(request.vmId(), "RUNNING", WITHIN);
        String vmId = request.vmId().toString();
        // The step logs its end once the RUNNING status is committed.
        await().atMost(WITHIN).until(() -> output.getOut().contains("VM " + vmId + ": NETWORK done"));

        List<JsonNode> lines = output.getOut().lines().filter(line -> line.startsWith("{")).map(json::readTree)
                .filter(line -> vmId.equals(line.path("vmId").asString(null)))
                .toList();
        // Lines the libraries log within a step (sshj's, say) carry the same fields: they come from the MDC.
        List<JsonNode> stepLines = lines.stream().filter(line -> line.has("step")).toList();
        assertThat(stepLines).as("the lines of the VM's steps").hasSizeGreaterThanOrEqualTo(6)
                .allSatisfy(line -> assertThat(line.path("attempt").asString()).as("attempt of %s", line).matches("[1-9][0-9]*"));
        // At INFO, the level a worker runs at, a VM's log keeps its failures and its end, not every step's end.
        assertThat(stepLines).extracting(line -> line.path("log").path("level").asString() + " " + line.path("step").asString()
                        + "#" + line.path("attempt").asString() + " " + line.path("message").asString().replace("VM " + vmId + ": ", ""))
                .anySatisfy(line -> assertThat(line).startsWith("DEBUG CLONE#1 CLONE done"))
                .anySatisfy(line -> assertThat(line).startsWith("INFO RESIZE#1 RESIZE failed (attempt 1 of"))
                .anySatisfy(line -> assertThat(line).startsWith("DEBUG RESIZE#2 RESIZE done"))
                .anySatisfy(line -> assertThat(line).startsWith("INFO NETWORK#1 NETWORK done; job is RUNNING"));
        assertThat(lines).as("the command's lines carry the VM's id too")
                .anySatisfy(line -> assertThat(line.path("message").asString()).contains("requested by"));
        assertThat(output.getOut().lines().filter(line -> line.contains("VM " + vmId + ":")))
                .as("no human-readable line of the VM's work").allMatch(line -> line.startsWith("{"));
    }

    /** An unsampled trace (flags 00) is passed on all the same, so that the logs still join up. */
    @ParameterizedTest(name = "trace flags {0}")
    @ValueSource(strings = {"01", "00"})
    void theTraceOfTheCommandRunsThroughEveryStepIntoEveryStatusEvent(String flags, CapturedOutput output) {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        VmRequested request = Jobs.aRequest();
        String vmId = request.vmId().toString();

        jobs.send(request, "00-" + traceId + "-00f067aa0ba902b7-" + flags);
        jobs.awaitStatus(request.vmId(), "RUNNING", WITHIN);

        List<ConsumerRecord<String, byte[]>> events;
        try (KafkaProbe topic = new KafkaProbe(broker.getBrokersAsString(), Topics.VM_EVENTS)) {
            events = topic.readUntil(read -> read.stream().anyMatch(record -> vmId.equals(record.key())
                    && codec.decodeEvent(record.value()).status() == VmStatus.RUNNING), WITHIN)
                    .stream().filter(record -> vmId.equals(record.key())).toList();
        }
        List<String> traceparents = events.stream().map(record -> record.headers().lastHeader("traceparent"))
                .map(header -> header == null ? "none" : new String(header.value(), StandardCharsets.US_ASCII)).toList();
        assertThat(traceparents).as("REQUESTED, each step's PROVISIONING, RUNNING").hasSizeGreaterThanOrEqualTo(6)
                .allSatisfy(traceparent -> assertThat(traceparent).matches("00-" + traceId + "-[0-9a-f]{16}-" + flags));
        assertThat(traceparents.stream().map(traceparent -> traceparent.split("-")[2]).distinct())
                .as("the command's span and one span per step").hasSizeGreaterThanOrEqualTo(5);
        assertThat(output.getOut().lines().filter(line -> line.startsWith("{")).map(json::readTree)
                .filter(line -> vmId.equals(line.path("vmId").asString(null)) && line.has("step")).toList())
                .as("the steps' log lines").isNotEmpty()
                .allSatisfy(line -> assertThat(line.path("traceId").asString()).as("traceId of %s", line).isEqualTo(traceId));
    }

    @Test
    void aDeletionsStepsContinueTheTraceOfTheDeletionNotOfTheRequest() {
        String asked = UUID.randomUUID().toString().replace("-", "");
        String deleted = UUID.randomUUID().toString().replace("-", "");
        VmRequested request = Jobs.aRequest();
        jobs.send(request, "00-" + asked + "-00f067aa0ba902b7-01");
        jobs.awaitStatus(request.vmId(), "RUNNING", WITHIN);

        jobs.delete(request.vmId(), "00-" + deleted + "-b7ad6b7169203331-01");
        jobs.awaitStatus(request.vmId(), "DELETED", WITHIN);

        assertThat(jobs.eventTraceIds(request.vmId()))
                .as("the request's events, then the deletion's: DELETING in the command's transaction, DELETED by the step")
                .startsWith("REQUESTED " + asked)
                .contains("RUNNING " + asked)
                .endsWith("DELETING " + deleted, "DELETED " + deleted);
    }

    @Test
    void livenessWatchesTheExecutorAndReadinessTheDatabaseAndKafkaButNeitherProxmox() throws Exception {
        JsonNode liveness = health("liveness", 200);
        assertThat(liveness.path("status").asString()).isEqualTo("UP");
        assertThat(liveness.path("components").propertyNames()).containsExactlyInAnyOrder("livenessState", "stepExecutor");
        assertThat(liveness.path("components").path("stepExecutor").path("details").path("lastClaimPass").asString()).isNotEmpty();

        JsonNode readiness = health("readiness", 200);
        assertThat(readiness.path("status").asString()).isEqualTo("UP");
        assertThat(readiness.path("components").propertyNames()).containsExactlyInAnyOrder("readinessState", "db", "kafka");
        assertThat(readiness.path("components").path("kafka").path("details").path("brokers").asInt()).isEqualTo(1);

        // Proxmox down: its own check says so, and the worker stays live and in service, waiting it out.
        node.simulator().faults().errorRate(null, 1.0, 500, "Service Unavailable");
        JsonNode proxmox = health("proxmox", 503);
        assertThat(proxmox.path("status").asString()).isEqualTo("DOWN");
        assertThat(health("readiness", 200).path("status").asString()).isEqualTo("UP");
        assertThat(health("liveness", 200).path("status").asString()).isEqualTo("UP");
    }

    private JsonNode health(String path, int expectedStatus) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/health/" + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("/actuator/health/%s: %s", path, response.body()).isEqualTo(expectedStatus);
        return json.readTree(response.body());
    }

    private PrometheusScrape awaitScrape(Consumer<PrometheusScrape> assertion) {
        PrometheusScrape[] last = new PrometheusScrape[1];
        await().atMost(WITHIN).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            last[0] = PrometheusScrape.of(port);
            assertion.accept(last[0]);
        });
        return last[0];
    }
}
