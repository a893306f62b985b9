package io.edukit.vmservice.worker.proxmox;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.edukit.vmservice.worker.proxmox.ProxmoxClientRequestsTest.data;
import static org.assertj.core.api.Assertions.assertThat;

class TemplateInspectorTest {

    static final VmRef TEMPLATE = new VmRef("pve4", 9999);
    static final String CONFIG = "/api2/json/nodes/pve4/qemu/9999/config";
    static final String GOOD = """
            {"template":1,"agent":"enabled=1,fstrim_cloned_disks=1","scsi0":"local-lvm:base-9999-disk-0,size=2G",
             "ide2":"local-lvm:vm-9999-cloudinit,media=cdrom","boot":"order=scsi0","name":"debian-12"}""";

    @RegisterExtension
    static WireMockExtension pve = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    TemplateInspector inspector() {
        return new TemplateInspector(ProxmoxFixtures.client(pve.baseUrl() + "/api2/json"));
    }

    @Test
    void aTemplateAsTheContractDescribesIsValid() {
        pve.stubFor(get(CONFIG).willReturn(okJson(data(GOOD))));

        assertThat(inspector().inspect(TEMPLATE).valid()).isTrue();
    }

    @Test
    void aDeletedTemplateIsReportedInWordsAnOperatorActsOn() {
        pve.stubFor(get(CONFIG).willReturn(aResponse().withStatus(500)
                .withStatusMessage("Configuration file 'nodes/pve4/qemu-server/9999.conf' does not exist")));

        assertThat(inspector().inspect(TEMPLATE).problems()).containsExactly(
                "template 9999 does not exist on node pve4: was it deleted or renumbered? Point the OS image at the right VMID");
    }

    @Test
    void aVmThatLostItsCloudInitDriveAndIsNoTemplateGetsOneProblemEach() {
        pve.stubFor(get(CONFIG).willReturn(okJson(data("""
                {"agent":"1","scsi0":"local-lvm:vm-9999-disk-0,size=2G","boot":"order=ide2;scsi0","name":"debian-12"}"""))));

        assertThat(inspector().inspect(TEMPLATE).problems()).containsExactly(
                "VM 9999 on pve4 is not a template: run 'qm template 9999'",
                "clones would not trim their disks: run 'qm set 9999 --agent enabled=1,fstrim_cloned_disks=1'",
                "there is no cloud-init drive on ide2: run 'qm set 9999 --ide2 <storage>:cloudinit'",
                "it does not boot from scsi0 (boot: order=ide2;scsi0): run 'qm set 9999 --boot order=scsi0'");
    }

    @Test
    void aTemplateWithoutDiskOrAgentIsReported() {
        pve.stubFor(get(CONFIG).willReturn(okJson(data("""
                {"template":1,"ide2":"local-lvm:vm-9999-cloudinit,media=cdrom","boot":"order=scsi0"}"""))));

        assertThat(inspector().inspect(TEMPLATE).problems()).containsExactly(
                "the QEMU guest agent is not enabled: run 'qm set 9999 --agent enabled=1,fstrim_cloned_disks=1'",
                "there is no scsi0 disk to clone and resize");
    }
}
