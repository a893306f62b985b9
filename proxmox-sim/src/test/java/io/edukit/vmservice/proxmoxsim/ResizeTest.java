package io.edukit.vmservice.proxmoxsim;

import static org.assertj.core.api.Assertions.assertThat;

import io.edukit.vmservice.proxmoxsim.testing.SimulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

class ResizeTest {

    @RegisterExtension
    static final SimulatorExtension pve = SimulatorExtension.instant();

    private static int clone(int newid) {
        pve.api().awaitTask(pve.api().post("/nodes/pve4/qemu/9999/clone", "newid", Integer.toString(newid), "full", "1").upid());
        return newid;
    }

    private static JsonNode resize(int vmid, String size) {
        return pve.api().awaitTask(pve.api().put("/nodes/pve4/qemu/" + vmid + "/resize", "disk", "scsi0", "size", size).upid());
    }

    private static String scsi0(int vmid) {
        return pve.api().get("/nodes/pve4/qemu/" + vmid + "/config").data().path("scsi0").asString();
    }

    @Test
    void growingToAnAbsoluteSizeWorks() {
        int vmid = clone(300);

        JsonNode task = resize(vmid, "20G");

        assertThat(task.path("type").asString()).isEqualTo("resize");
        assertThat(task.path("exitstatus").asString()).isEqualTo("OK");
        assertThat(scsi0(vmid)).isEqualTo("local-lvm:vm-300-disk-0,size=20G");
    }

    @Test
    void growingByARelativeAmountAddsToTheCurrentSize() {
        int vmid = clone(301);

        resize(vmid, "+3G");

        assertThat(scsi0(vmid)).isEqualTo("local-lvm:vm-301-disk-0,size=5G");
    }

    @Test
    void shrinkingIsRefusedAndTheDiskKeepsItsSize() {
        int vmid = clone(302);
        resize(vmid, "10G");

        JsonNode task = resize(vmid, "8G");

        assertThat(task.path("exitstatus").asString()).isEqualTo("shrinking disks is not supported");
        assertThat(scsi0(vmid)).isEqualTo("local-lvm:vm-302-disk-0,size=10G");
        assertThat(pve.api().taskLog(task.path("upid").asString())).last().isEqualTo("TASK ERROR: shrinking disks is not supported");
    }

    @Test
    void theCurrentSizeAgainChangesNothing() {
        int vmid = clone(303);

        assertThat(resize(vmid, "2G").path("exitstatus").asString()).isEqualTo("OK");
        assertThat(scsi0(vmid)).isEqualTo("local-lvm:vm-303-disk-0,size=2G");
    }

    @Test
    void aSizeNotMatchingThePatternIsAParameterError() {
        int vmid = clone(304);

        var response = pve.api().raw("PUT", "/nodes/pve4/qemu/" + vmid + "/resize", "disk", "scsi0", "size", "20GB");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.error("size")).isEqualTo("value does not match the regex pattern");
    }
}
