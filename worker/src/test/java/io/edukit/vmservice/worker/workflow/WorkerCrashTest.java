package io.edukit.vmservice.worker.workflow;

import io.edukit.vmservice.proxmoxsim.LatencyModel;
import io.edukit.vmservice.proxmoxsim.SimulatorSettings;
import io.edukit.vmservice.schemas.MessageCodec;
import io.edukit.vmservice.schemas.Topics;
import io.edukit.vmservice.testsupport.KafkaProbe;
import io.edukit.vmservice.worker.support.WorkerTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.Lifecycle;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two workers share the jobs; one is killed (SIGKILL) while it holds a clone in flight. The other
 * takes its jobs up once their leases expire: every VM runs, each was cloned once, and every VM's
 * events reach subscribers complete and in order. Clones here take seconds, as on a real node.
 */
@WorkerTest
class WorkerCrashTest {

    static final Duration LEASE = Duration.ofSeconds(3);
    static final SimulatedNode node = SimulatedNode.start(SimulatorSettings.instant().toBuilder()
            // Long enough clones that the kill lands in the middle of one.
            .latency(LatencyModel.zero().withClone(Duration.ofSeconds(3), Duration.ZERO))
            .build());

    @DynamicPropertySource
    static void pointTheWorkerAtTheNode(DynamicPropertyRegistry registry) {
        node.configure(registry);
        // Started by the tests: first the doomed worker takes up the jobs, then both work.
        registry.add("vmservice.executor.enabled", () -> "false");
        registry.add("vmservice.executor.worker-id", () -> "survivor");
        registry.add("vmservice.executor.lease", () -> LEASE.toMillis() + "ms");
        registry.add(SESSION_TIMEOUT, () -> "6000");
    }

    /** The killed worker's command partitions go to the other within seconds, not the default 45. */
    static final String SESSION_TIMEOUT = "spring.kafka.consumer.properties.session.timeout.ms";

    @Autowired
    JdbcClient jdbc;
    @Autowired
    MessageCodec codec;
    @Autowired
    EmbeddedKafkaBroker broker;
    @Autowired
    Environment environment;
    @Autowired
    @Qualifier("stepExecutor")
    Lifecycle survivor;

    @AfterAll
    static void stopNode() {
        node.close();
    }

    @Test
    void jobsOfAKilledWorkerCompleteOnTheOtherWithOneClonePerVmAndNoEventLostOrOutOfOrder() throws Exception {
        List<UUID> vms = new ArrayList<>();
        try (WorkerProcess doomed = WorkerProcess.start(secondWorker(), Path.of("target", "worker-crash-test-doomed.log"));
             Jobs jobs = new Jobs(jdbc, codec, broker.getBrokersAsString())) {
            for (int i = 0; i < 8; i++) {
                vms.add(jobs.request().vmId());
            }
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> jdbc.sql("""
                    select count(*) from vm_job where lease_owner = 'doomed' and step = 'CLONING' and task_upid is not null""")
                    .query(Long.class).single() > 0);
            survivor.start();

            doomed.kill();

            jobs.awaitAll(vms, "RUNNING", Duration.ofMinutes(2));
        }

        vms.forEach(vm -> assertThat(node.simulator().counters().snapshot().clonesWithMarker("vmservice-id=" + vm))
                .as("clone calls for %s", vm).isEqualTo(1));
        assertThat(jdbc.sql("select count(distinct worker) from vm_job_attempt where worker in ('doomed', 'survivor')")
                .query(Long.class).single()).as("both workers worked").isEqualTo(2);
        try (KafkaProbe subscriber = new KafkaProbe(broker.getBrokersAsString(), Topics.VM_EVENTS)) {
            List<ConsumerRecord<String, byte[]>> events = subscriber.readUntil(read -> read.stream()
                    .map(record -> codec.decodeEvent(record.value()))
                    .filter(event -> vms.contains(event.vmId()) && event.sequence() == 7).count() >= vms.size(), Duration.ofSeconds(60));
            Map<UUID, List<Long>> sequences = events.stream().map(record -> codec.decodeEvent(record.value()))
                    .filter(event -> vms.contains(event.vmId()))
                    .collect(Collectors.groupingBy(event -> event.vmId(), LinkedHashMap::new,
                            Collectors.mapping(event -> event.sequence(), Collectors.toList())));
            sequences.forEach((vm, received) -> assertThat(received.stream().distinct().toList())
                    .as("events of %s, in the order received, duplicates aside", vm)
                    .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L));
        }
    }

    @Test
    void aVmDeletedWhileItsCloneIsCopyingIsRemovedOnceTheCloneEnds() {
        if (!survivor.isRunning()) {
            survivor.start();
        }
        try (Jobs jobs = new Jobs(jdbc, codec, broker.getBrokersAsString())) {
            UUID vm = jobs.request().vmId();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> jdbc.sql(
                    "select task_upid is not null from vm_job where vm_id = ?").param(vm).query(Boolean.class).optional().orElse(false));
            int vmid = jobs.vmid(vm);
            assertThat(node.simulator().vmConfig(vmid).orElseThrow()).as("a clone copying: qemu-server's placeholder")
                    .containsEntry("lock", "clone").doesNotContainKey("name");

            jobs.delete(vm);

            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                    .alias("the deletion keeps the node's clone slot while the clone copies")
                    .until(() -> deletingWithItsCloneSlot(vm));
            jobs.awaitStatus(vm, "DELETED", Duration.ofSeconds(60));
            assertThat(jdbc.sql("select clone_slot from vm_job where vm_id = ?").param(vm).query(Boolean.class).single())
                    .as("given back").isFalse();
            assertThat(node.simulator().vmids()).doesNotContain(vmid);
            assertThat(node.simulator().counters().snapshot().clonesWithMarker("vmservice-id=" + vm)).isEqualTo(1);
        }
    }

    private boolean deletingWithItsCloneSlot(UUID vm) {
        return jdbc.sql("select status = 'DELETING' and clone_slot from vm_job where vm_id = ?").param(vm)
                .query(Boolean.class).single();
    }

    /** The same database, broker and node as this test's worker, under another name. */
    private Map<String, String> secondWorker() {
        Map<String, String> properties = new LinkedHashMap<>(node.workerProperties());
        properties.put("spring.datasource.url", environment.getRequiredProperty("spring.datasource.url"));
        properties.put("spring.datasource.username", environment.getRequiredProperty("spring.datasource.username"));
        properties.put("spring.datasource.password", environment.getRequiredProperty("spring.datasource.password"));
        properties.put("spring.kafka.bootstrap-servers", broker.getBrokersAsString());
        properties.put("vmservice.kafka.partitions", "3");
        properties.put("vmservice.executor.worker-id", "doomed");
        properties.put("vmservice.executor.lease", LEASE.toMillis() + "ms");
        properties.put(SESSION_TIMEOUT, "6000");
        return properties;
    }
}
