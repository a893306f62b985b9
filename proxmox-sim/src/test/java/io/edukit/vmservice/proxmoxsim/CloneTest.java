package io.edukit.vmservice.proxmoxsim;

import static org.assertj.core.api.Assertions.assertThat;

import io.edukit.vmservice.proxmoxsim.testing.PveClient;
import io.edukit.vmservice.proxmoxsim.testing.PveResponse;
import io.edukit.vmservice.proxmoxsim.testing.SimulatorExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

class CloneTest {

    private static final String TEMPLATE = "/nodes/pve4/qemu/9999";

    @RegisterExtension
    final SimulatorExtension pve = SimulatorExtension.instant();

    /** A clone slow enough to be watched while it runs, even on a busy machine. */
    private void useSlowClones() {
        pve.restart(SimulatorSettings.instant().toBuilder()
                .latency(LatencyModel.zero().withClone(Duration.ofSeconds(3), Duration.ZERO))
                .build());
    }

    @Test
    void aCloneIsLockedWhileItsTaskRunsThenHasTheTemplatesConfigWithItsOwnDisksAndMac() {
        useSlowClones();
        String upid = pve.api().post(TEMPLATE + "/clone", "newid", "123", "name", "ws-alice-01", "full", "1",
                "storage", "local-lvm", "description", "vmservice-id=4f7e").upid();

        assertThat(upid).matches("UPID:pve4:[0-9A-F]{8}:[0-9A-F]{8}:[0-9A-F]{8}:qmclone:9999:edukit-api-dev@pve!vm-service:");
        JsonNode task = pve.api().get("/nodes/pve4/tasks/" + PveClient.encode(upid) + "/status").data();
        assertThat(task.path("status").asString()).isEqualTo("running");
        assertThat(task.has("exitstatus")).isFalse();
        assertThat(task.path("type").asString()).isEqualTo("qmclone");
        assertThat(task.path("id").asString()).isEqualTo("9999");
        assertThat(task.path("user").asString()).isEqualTo("edukit-api-dev@pve!vm-service");

        JsonNode status = pve.api().get("/nodes/pve4/qemu/123/status/current").data();
        assertThat(status.path("lock").asString()).isEqualTo("clone");
        assertThat(status.path("status").asString()).isEqualTo("stopped");

        PveResponse configDuringClone = pve.api().raw("POST", "/nodes/pve4/qemu/123/config", "cores", "4");
        assertThat(configDuringClone.status()).isEqualTo(500);
        assertThat(configDuringClone.reason()).isEqualTo("VM is locked (clone)");
        assertThat(configDuringClone.json().path("message").asString()).isEqualTo("VM is locked (clone)\n");

        JsonNode done = pve.api().awaitTask(upid);
        assertThat(done.path("exitstatus").asString()).isEqualTo("OK");

        JsonNode template = pve.api().get(TEMPLATE + "/config").data();
        JsonNode clone = pve.api().get("/nodes/pve4/qemu/123/config").data();
        assertThat(clone.has("lock")).isFalse();
        assertThat(clone.has("template")).isFalse();
        assertThat(clone.path("name").asString()).isEqualTo("ws-alice-01");
        assertThat(clone.path("description").asString()).isEqualTo("vmservice-id=4f7e");
        assertThat(clone.path("scsi0").asString()).isEqualTo("local-lvm:vm-123-disk-0,size=2G");
        assertThat(clone.path("ide2").asString()).isEqualTo("local-lvm:vm-123-cloudinit,media=cdrom");
        assertThat(clone.path("boot").asString()).isEqualTo("order=scsi0");
        assertThat(clone.path("agent").asString()).isEqualTo("enabled=1,fstrim_cloned_disks=1");
        assertThat(clone.path("cores").isNumber()).isTrue();
        assertThat(clone.path("cores").asInt()).isEqualTo(template.path("cores").asInt());
        assertThat(clone.path("net0").asString()).matches("virtio=BC:24:11:[0-9A-F]{2}:[0-9A-F]{2}:[0-9A-F]{2},bridge=vmbr0");
        assertThat(clone.path("net0").asString()).isNotEqualTo(template.path("net0").asString());
        assertThat(clone.path("smbios1").asString()).isNotEqualTo(template.path("smbios1").asString());
        assertThat(clone.path("digest").asString()).matches("[0-9a-f]{40}");
        assertThat(pve.api().taskLog(upid)).contains("create full clone of drive scsi0 (local-lvm:base-9999-disk-0)")
                .endsWith("TASK OK");
    }

    @Test
    void theCloneIsAPlaceholderHoldingTheLockUntilItsDisksAreCopiedThenItGetsItsConfig() {
        useSlowClones();
        String upid = pve.api().post(TEMPLATE + "/clone", "newid", "125", "name", "ws-bob-01", "full", "1",
                "description", "vmservice-id=9a1c").upid();

        PveResponse during = pve.api().get("/nodes/pve4/qemu/125/config");
        assertThat(pve.api().get("/nodes/pve4/tasks/" + PveClient.encode(upid) + "/status").data()
                .path("status").asString()).isEqualTo("running");

        assertThat(during.status()).isEqualTo(200);
        assertThat(during.data().path("lock").asString()).isEqualTo("clone");
        assertThat(during.data().path("description").asString()).as("qemu-server's placeholder, not the call's")
                .isEqualTo(" qmclone temporary file\n");
        assertThat(during.data().has("name")).isFalse();
        assertThat(pve.api().get("/nodes/pve4/qemu/125/config", "current", "1").data().path("lock").asString())
                .isEqualTo("clone");
        JsonNode listed = pve.api().get("/cluster/resources", "type", "vm").data();
        assertThat(listed).extracting(r -> r.path("id").asString()).containsExactly("qemu/125", "qemu/9999");
        assertThat(listed.get(0).path("lock").asString()).isEqualTo("clone");
        assertThat(listed.get(0).path("template").asInt()).isZero();
        assertThat(pve.api().get("/nodes/pve4/qemu").data()).extracting(vm -> vm.path("vmid").asInt()).contains(125);

        assertThat(pve.api().awaitTask(upid).path("exitstatus").asString()).isEqualTo("OK");

        JsonNode after = pve.api().get("/nodes/pve4/qemu/125/config").data();
        assertThat(after.has("lock")).isFalse();
        assertThat(after.path("description").asString()).isEqualTo("vmservice-id=9a1c");
        assertThat(after.path("name").asString()).isEqualTo("ws-bob-01");
        assertThat(pve.api().get("/cluster/resources", "type", "vm").data().get(0).has("lock")).isFalse();
    }

    @Test
    void aConfigChangeAfterTheCloneEndedIsApplied() {
        pve.api().awaitTask(pve.api().post(TEMPLATE + "/clone", "newid", "124", "full", "1").upid());

        String upid = pve.api().post("/nodes/pve4/qemu/124/config", "cores", "4", "memory", "4096",
                "ipconfig0", "ip=dhcp", "cicustom", "user=local:snippets/124.yaml").upid();
        assertThat(pve.api().awaitTask(upid).path("exitstatus").asString()).isEqualTo("OK");

        JsonNode config = pve.api().get("/nodes/pve4/qemu/124/config").data();
        assertThat(config.path("cores").asInt()).isEqualTo(4);
        assertThat(config.path("memory").asString()).isEqualTo("4096");
        assertThat(config.path("cicustom").asString()).isEqualTo("user=local:snippets/124.yaml");
        assertThat(config.path("name").asString()).isEqualTo("Copy-of-VM-debian-12-cloud");
    }

    @Test
    void aTemplateClonesLinkedUnlessFullIsAsked() {
        pve.api().awaitTask(pve.api().post(TEMPLATE + "/clone", "newid", "125").upid());

        assertThat(pve.api().get("/nodes/pve4/qemu/125/config").data().path("scsi0").asString())
                .isEqualTo("local-lvm:base-9999-disk-0/vm-125-disk-0,size=2G");
    }

    @Test
    void storageIsRefusedForALinkedClone() {
        PveResponse response = pve.api().raw("POST", TEMPLATE + "/clone", "newid", "126", "full", "0", "storage", "local-lvm");

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.reason()).isEqualTo("parameter 'storage' not allowed for linked clones");
        assertThat(pve.sim().vmids()).doesNotContain(126);
    }

    @Test
    void cloningOntoATakenVmidFailsAtOnceAndTouchesNothing() {
        pve.api().awaitTask(pve.api().post(TEMPLATE + "/clone", "newid", "127", "full", "1").upid());
        String before = pve.api().get("/nodes/pve4/qemu/127/config").data().path("digest").asString();

        PveResponse response = pve.api().raw("POST", TEMPLATE + "/clone", "newid", "127", "full", "1");

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.reason()).isEqualTo("unable to create VM 127: config file already exists");
        assertThat(pve.api().get("/nodes/pve4/qemu/127/config").data().path("digest").asString()).isEqualTo(before);
    }

    @Test
    void nextIdReportsATakenVmidAsAParameterError() {
        assertThat(pve.api().get("/cluster/nextid").data().asString()).isEqualTo("100");
        assertThat(pve.api().get("/cluster/nextid", "vmid", "500").data().asString()).isEqualTo("500");

        PveResponse taken = pve.api().raw("GET", "/cluster/nextid", "vmid", "9999");

        assertThat(taken.status()).isEqualTo(400);
        assertThat(taken.reason()).isEqualTo("Parameter verification failed.");
        assertThat(taken.error("vmid")).isEqualTo("VM 9999 already exists");
    }

    @Test
    void cloningAMissingTemplateNamesItsConfigFile() {
        PveResponse response = pve.api().raw("POST", "/nodes/pve4/qemu/9998/clone", "newid", "128");

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.reason()).isEqualTo("Configuration file 'nodes/pve4/qemu-server/9998.conf' does not exist");
    }

    @Test
    void aFailedCloneTaskLeavesNoVmBehind() {
        pve.sim().faults().failNextTasks(Operation.CLONE, 1, "can't lock file '/var/lock/qemu-server/lock-9999.conf' - got timeout");

        JsonNode task = pve.api().awaitTask(pve.api().post(TEMPLATE + "/clone", "newid", "129", "full", "1").upid());

        assertThat(task.path("exitstatus").asString()).isEqualTo("can't lock file '/var/lock/qemu-server/lock-9999.conf' - got timeout");
        assertThat(pve.sim().vmids()).doesNotContain(129);
        assertThat(pve.api().raw("GET", "/nodes/pve4/qemu/129/status/current").status()).isEqualTo(500);
    }

    @Test
    void theClusterListsTemplateAndClones() {
        pve.api().awaitTask(pve.api().post(TEMPLATE + "/clone", "newid", "130", "full", "1").upid());

        JsonNode vms = pve.api().get("/cluster/resources", "type", "vm").data();
        assertThat(vms).hasSize(2);
        assertThat(vms.get(0).path("id").asString()).isEqualTo("qemu/130");
        assertThat(vms.get(0).path("template").asInt()).isZero();
        assertThat(vms.get(1).path("template").asInt()).isEqualTo(1);
        assertThat(pve.api().get("/nodes/pve4/qemu").data()).hasSize(2);
        JsonNode images = pve.api().get("/nodes/pve4/storage/local-lvm/content", "content", "images", "vmid", "130").data();
        assertThat(images).extracting(i -> i.path("volid").asString())
                .containsExactlyInAnyOrder("local-lvm:vm-130-cloudinit", "local-lvm:vm-130-disk-0");
    }
}
