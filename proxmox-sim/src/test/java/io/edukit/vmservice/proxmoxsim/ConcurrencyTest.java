package io.edukit.vmservice.proxmoxsim;

import static org.assertj.core.api.Assertions.assertThat;

import io.edukit.vmservice.proxmoxsim.testing.PveClient;
import io.edukit.vmservice.proxmoxsim.testing.SimulatorExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Hundreds of simultaneous requests, with modelled latency, are all answered correctly. */
class ConcurrencyTest {

    @RegisterExtension
    final SimulatorExtension pve = SimulatorExtension.with(SimulatorSettings.instant().toBuilder()
            .latency(LatencyModel.zero().withRequest(Duration.ofMillis(50)).withClone(Duration.ofMillis(1000), Duration.ZERO))
            .build());

    @Test
    void threeHundredConcurrentRequestsAndOneHundredClonesAllSucceed() throws Exception {
        PveClient api = pve.api();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> versions = new ArrayList<>();
            List<Future<String>> clones = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                versions.add(clients.submit(() -> api.get("/version").status()));
            }
            for (int i = 0; i < 100; i++) {
                int newid = 1000 + i;
                clones.add(clients.submit(() -> api.post("/nodes/pve4/qemu/9999/clone", "newid", Integer.toString(newid),
                        "full", "1", "description", "vmservice-id=" + newid).upid()));
            }
            for (Future<Integer> status : versions) {
                assertThat(status.get()).isEqualTo(200);
            }
            List<Future<String>> outcomes = new ArrayList<>();
            for (Future<String> upid : clones) {
                outcomes.add(clients.submit(() -> api.awaitTask(upid.get()).path("exitstatus").asString()));
            }
            for (Future<String> outcome : outcomes) {
                assertThat(outcome.get()).isEqualTo("OK");
            }
            assertThat(pve.sim().vmids()).hasSize(101);
            assertThat(pve.sim().counters().peakConcurrentClones("pve4")).isGreaterThan(10);
            assertThat(pve.sim().counters().snapshot().clonesPerDescription()).hasSize(100);
        }
    }
}
