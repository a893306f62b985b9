package io.edukit.vmservice.proxmoxsim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edukit.vmservice.proxmoxsim.testing.PveResponse;
import io.edukit.vmservice.proxmoxsim.testing.SimulatorExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** Breaking and repairing templates while the simulator runs, through its Java API. */
class TemplateInstallAndRemovalTest {

    private static final String TEMPLATE = "/nodes/pve4/qemu/9999";

    @RegisterExtension
    final SimulatorExtension pve = SimulatorExtension.with(SimulatorSettings.instant().toBuilder()
            .nodes("pve4", "pve5")
            .build());

    @Test
    void aRemovedTemplateCannotBeClonedUntilItIsInstalledAgain() {
        pve.sim().removeVm(9999);

        PveResponse refused = pve.api().raw("POST", TEMPLATE + "/clone", "newid", "200", "full", "1");
        assertThat(refused.status()).isEqualTo(500);
        assertThat(refused.reason()).isEqualTo("Configuration file 'nodes/pve4/qemu-server/9999.conf' does not exist");
        assertThat(pve.sim().vmids()).isEmpty();
        assertThat(pve.api().get("/cluster/resources", "type", "vm").data()).isEmpty();

        pve.sim().installTemplate(TemplateSpec.debian12());

        JsonNode task = pve.api().awaitTask(pve.api().post(TEMPLATE + "/clone", "newid", "200", "full", "1").upid());
        assertThat(task.path("exitstatus").asString()).isEqualTo("OK");
        assertThat(pve.sim().vmids()).containsExactly(200, 9999);
    }

    @Test
    void anInstalledTemplateLooksLikeOneMadeAtStart() {
        JsonNode atStart = pve.api().get(TEMPLATE + "/config").data();

        pve.sim().installTemplate(TemplateSpec.of(9998, "ubuntu-24.04", "pve5").withDiskSizeGb(4));

        JsonNode installed = pve.api().get("/nodes/pve5/qemu/9998/config").data();
        List<String> keysAtStart = new ArrayList<>();
        atStart.propertyNames().forEach(keysAtStart::add);
        List<String> keysInstalled = new ArrayList<>();
        installed.propertyNames().forEach(keysInstalled::add);
        assertThat(keysInstalled).containsExactlyInAnyOrderElementsOf(keysAtStart);
        assertThat(installed.path("template").asInt()).isEqualTo(1);
        assertThat(installed.path("name").asString()).isEqualTo("ubuntu-24.04");
        assertThat(installed.path("scsi0").asString()).isEqualTo("local-lvm:base-9998-disk-0,size=4G");
        assertThat(installed.path("ide2").asString()).isEqualTo("local-lvm:vm-9998-cloudinit,media=cdrom");
        assertThat(installed.path("net0").asString()).isNotEqualTo(atStart.path("net0").asString());
        JsonNode resources = pve.api().get("/cluster/resources", "type", "vm").data();
        assertThat(resources).extracting(r -> r.path("id").asString() + "@" + r.path("node").asString()
                + " template=" + r.path("template").asInt())
                .containsExactly("qemu/9998@pve5 template=1", "qemu/9999@pve4 template=1");
        assertThat(pve.api().raw("POST", "/nodes/pve4/qemu/9998/clone", "newid", "201").reason())
                .isEqualTo("Configuration file 'nodes/pve4/qemu-server/9998.conf' does not exist");
        JsonNode task = pve.api().awaitTask(pve.api().post("/nodes/pve5/qemu/9998/clone", "newid", "201").upid());
        assertThat(task.path("exitstatus").asString()).isEqualTo("OK");
    }

    @Test
    void aTemplateCanBeReplacedByABrokenOne() {
        pve.sim().removeVm(9999);
        pve.sim().installTemplate(TemplateSpec.debian12().withoutCloudInitDrive());

        JsonNode config = pve.api().get(TEMPLATE + "/config").data();

        assertThat(config.has("ide2")).isFalse();
        assertThat(config.path("template").asInt()).isEqualTo(1);
    }

    @Test
    void installingOnATakenVmidOrAnUnknownNodeFailsAndChangesNothing() {
        pve.api().awaitTask(pve.api().post(TEMPLATE + "/clone", "newid", "202").upid());
        String before = pve.api().get(TEMPLATE + "/config").data().path("digest").asString();

        assertThatThrownBy(() -> pve.sim().installTemplate(TemplateSpec.debian12()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("9999");
        assertThatThrownBy(() -> pve.sim().installTemplate(TemplateSpec.of(202, "x", "pve4")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("202");
        assertThatThrownBy(() -> pve.sim().installTemplate(TemplateSpec.of(9997, "x", "pve9")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pve9");

        assertThat(pve.api().get(TEMPLATE + "/config").data().path("digest").asString()).isEqualTo(before);
        assertThat(pve.sim().vmids()).containsExactly(202, 9999);
    }

    @Test
    void aVmidTakenByACloneInProgressCannotBeInstalled() {
        pve.restart(SimulatorSettings.instant().toBuilder()
                .latency(LatencyModel.zero().withClone(Duration.ofSeconds(3), Duration.ZERO))
                .build());
        String upid = pve.api().post(TEMPLATE + "/clone", "newid", "203", "full", "1").upid();

        assertThatThrownBy(() -> pve.sim().installTemplate(TemplateSpec.of(203, "x", "pve4")))
                .isInstanceOf(IllegalStateException.class);

        assertThat(pve.api().awaitTask(upid).path("exitstatus").asString()).isEqualTo("OK");
    }

    @Test
    void removingAMissingVmFails() {
        assertThatThrownBy(() -> pve.sim().removeVm(4242))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4242");
        assertThat(pve.sim().vmids()).containsExactly(9999);
    }

    @Test
    void aRunningVmIsRemovedAtOnce() {
        pve.api().awaitTask(pve.api().post(TEMPLATE + "/clone", "newid", "204").upid());
        pve.api().awaitTask(pve.api().post("/nodes/pve4/qemu/204/status/start").upid());

        pve.sim().removeVm(204);

        assertThat(pve.sim().vmids()).containsExactly(9999);
        assertThat(pve.api().raw("GET", "/nodes/pve4/qemu/204/status/current").status()).isEqualTo(500);
    }

    @Test
    void removingTheTargetOfACloneInProgressFailsTheCloneAndLeavesNothing() {
        pve.restart(SimulatorSettings.instant().toBuilder()
                .latency(LatencyModel.zero().withClone(Duration.ofSeconds(3), Duration.ZERO))
                .build());
        String upid = pve.api().post(TEMPLATE + "/clone", "newid", "205", "full", "1").upid();

        pve.sim().removeVm(205);

        JsonNode task = pve.api().awaitTask(upid);
        assertThat(task.path("exitstatus").asString()).isEqualTo("clone failed: VM 205 vanished");
        assertThat(pve.sim().vmids()).containsExactly(9999);
    }

    @Test
    void concurrentInstallsOfOneVmidLetExactlyOneWin() throws Exception {
        pve.sim().removeVm(9999);
        int threads = 16;
        AtomicInteger won = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    try {
                        pve.sim().installTemplate(TemplateSpec.debian12());
                        won.incrementAndGet();
                    } catch (IllegalStateException e) {
                        refused.incrementAndGet();
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> result : results) {
                result.get(10, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(won.get()).isEqualTo(1);
        assertThat(refused.get()).isEqualTo(threads - 1);
        assertThat(pve.sim().vmids()).containsExactly(9999);
    }
}
