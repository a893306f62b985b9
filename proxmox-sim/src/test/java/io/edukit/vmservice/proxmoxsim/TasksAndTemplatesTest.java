package io.edukit.vmservice.proxmoxsim;

import static org.assertj.core.api.Assertions.assertThat;

import io.edukit.vmservice.proxmoxsim.testing.PveClient;
import io.edukit.vmservice.proxmoxsim.testing.PveResponse;
import io.edukit.vmservice.proxmoxsim.testing.SimulatorExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

class TasksAndTemplatesTest {

    @RegisterExtension
    final SimulatorExtension pve = SimulatorExtension.with(SimulatorSettings.instant().toBuilder()
            .nodes("pve4", "pve5")
            .addTemplate(TemplateSpec.of(9998, "ubuntu-24.04", "pve5").withDiskSizeGb(4))
            .latency(LatencyModel.zero().withConfigUpdate(Duration.ofMillis(300)))
            .build());

    @Test
    void theTaskLogPagesWithStartAndLimit() {
        String upid = pve.api().post("/nodes/pve4/qemu/9999/clone", "newid", "800", "full", "1").upid();
        pve.api().awaitTask(upid);
        String path = "/nodes/pve4/tasks/" + PveClient.encode(upid) + "/log";

        PveResponse firstTwo = pve.api().get(path, "start", "0", "limit", "2");
        PveResponse rest = pve.api().get(path, "start", "2", "limit", "50");

        assertThat(firstTwo.data()).hasSize(2);
        assertThat(firstTwo.data().get(0).path("n").asInt()).isEqualTo(1);
        int total = firstTwo.json().path("total").asInt();
        assertThat(rest.data()).hasSize(total - 2);
        assertThat(rest.data().get(0).path("n").asInt()).isEqualTo(3);
        assertThat(rest.data().get(total - 3).path("t").asString()).isEqualTo("TASK OK");
    }

    @Test
    void anUnknownOrMalformedUpidIsAParameterError() {
        String unknown = "UPID:pve4:0000ABCD:0000ABCD:6650ABCD:qmclone:9999:root@pam:";

        PveResponse missing = pve.api().get("/nodes/pve4/tasks/" + PveClient.encode(unknown) + "/status");
        PveResponse garbage = pve.api().get("/nodes/pve4/tasks/not-a-upid/status");

        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.error("upid")).isEqualTo("no such task");
        assertThat(garbage.error("upid")).isEqualTo("unable to parse worker upid");
    }

    @Test
    void aVmConvertedToATemplateGetsBaseDisksAndCannotBeStarted() {
        pve.api().awaitTask(pve.api().post("/nodes/pve4/qemu/9999/clone", "newid", "801", "full", "1").upid());

        JsonNode task = pve.api().awaitTask(pve.api().post("/nodes/pve4/qemu/801/template").upid());

        assertThat(task.path("type").asString()).isEqualTo("qmtemplate");
        JsonNode config = pve.api().get("/nodes/pve4/qemu/801/config").data();
        assertThat(config.path("template").asInt()).isEqualTo(1);
        assertThat(config.path("scsi0").asString()).isEqualTo("local-lvm:base-801-disk-0,size=2G");
        assertThat(config.path("ide2").asString()).isEqualTo("local-lvm:vm-801-cloudinit,media=cdrom");
        assertThat(pve.api().raw("POST", "/nodes/pve4/qemu/801/template").reason()).isEqualTo("you can't convert a template to a template");
    }

    @Test
    void aTemplateWithLinkedClonesCannotBeDestroyed() {
        pve.api().awaitTask(pve.api().post("/nodes/pve4/qemu/9999/clone", "newid", "802").upid());

        JsonNode task = pve.api().awaitTask(pve.api().delete("/nodes/pve4/qemu/9999").upid());

        assertThat(task.path("exitstatus").asString()).isEqualTo("base volume 'base-9999-disk-0' is still in use by linked cloned");
        assertThat(pve.sim().vmids()).contains(9999);
    }

    @Test
    void backgroundDelayAnswersNullWhenTheTaskEndsInTime() {
        pve.api().awaitTask(pve.api().post("/nodes/pve4/qemu/9999/clone", "newid", "803", "full", "1").upid());

        PveResponse waited = pve.api().post("/nodes/pve4/qemu/803/config", "cores", "3", "background_delay", "5");
        PveResponse notWaited = pve.api().post("/nodes/pve4/qemu/803/config", "cores", "4");

        assertThat(waited.status()).isEqualTo(200);
        assertThat(waited.data().isNull()).isTrue();
        assertThat(notWaited.upid()).contains(":qmconfig:803:");
    }

    @Test
    void deletingAnOptionThatIsNotSetEndsWithAWarning() {
        pve.api().awaitTask(pve.api().post("/nodes/pve4/qemu/9999/clone", "newid", "804", "full", "1").upid());

        String upid = pve.api().post("/nodes/pve4/qemu/804/config", "delete", "tags").upid();

        assertThat(pve.api().awaitTask(upid).path("exitstatus").asString()).isEqualTo("WARNINGS: 1");
        assertThat(pve.api().taskLog(upid)).contains("WARN: cannot delete 'tags' - not set in current configuration!");
    }

    @Test
    void eachNodeClonesItsOwnTemplatesOnlyAndCountsItsOwnPeak() {
        PveResponse wrongNode = pve.api().raw("POST", "/nodes/pve4/qemu/9998/clone", "newid", "805", "full", "1");
        assertThat(wrongNode.reason()).isEqualTo("Configuration file 'nodes/pve4/qemu-server/9998.conf' does not exist");

        pve.api().awaitTask(pve.api().post("/nodes/pve5/qemu/9998/clone", "newid", "805", "full", "1").upid());

        assertThat(pve.api().get("/nodes/pve5/qemu/805/config").data().path("scsi0").asString()).isEqualTo("local-lvm:vm-805-disk-0,size=4G");
        assertThat(pve.api().get("/nodes/pve4/qemu").data()).hasSize(1);
        assertThat(pve.api().get("/nodes/pve5/qemu").data()).hasSize(2);
        assertThat(pve.sim().counters().peakConcurrentClones("pve5")).isEqualTo(1);
        assertThat(pve.sim().counters().peakConcurrentClones("pve4")).isZero();
    }
}
