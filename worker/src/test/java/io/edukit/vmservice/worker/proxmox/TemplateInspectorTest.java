package io.edukit.vmservice.worker.proxmox;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.edukit.vmservice.worker.catalog.ImagePlacement;
import io.edukit.vmservice.worker.catalog.OsImages;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import java.util.List;
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
    void healthNamesTheApiVersionAndEachImagesTemplate() {
        pve.stubFor(get("/api2/json/version").willReturn(okJson(data("{\"version\":\"9.1.2\",\"release\":\"9.1\"}"))));
        pve.stubFor(get(CONFIG).willReturn(okJson(data(GOOD))));
        pve.stubFor(get("/api2/json/nodes/pve5/qemu/9998/config").willReturn(aResponse().withStatus(500)
                .withStatusMessage("Configuration file 'nodes/pve5/qemu-server/9998.conf' does not exist")));
        OsImages images = Mockito.mock(OsImages.class);
        Mockito.when(images.placements()).thenReturn(List.of(new ImagePlacement("debian-12", "pve4", 9999, "local-lvm")));
        ProxmoxClient client = ProxmoxFixtures.client(pve.baseUrl() + "/api2/json");

        Health healthy = new ProxmoxHealthIndicator(client, inspector(), images).health();
        Mockito.when(images.placements()).thenReturn(List.of(new ImagePlacement("debian-12", "pve4", 9999, "local-lvm"),
                new ImagePlacement("ubuntu-24.04", "pve5", 9998, "local-lvm")));
        Health broken = new ProxmoxHealthIndicator(client, inspector(), images).health();

        assertThat(healthy.getStatus()).isEqualTo(Status.UP);
        assertThat(healthy.getDetails()).containsEntry("api", "PVE 9.1.2 (release 9.1)");
        assertThat(broken.getStatus()).isEqualTo(Status.DOWN);
        assertThat(broken.getDetails().get("templates").toString()).contains("ubuntu-24.04@pve5", "template 9998 does not exist on node pve5");
    }

    @Test
    void healthIsDownWhenTheApiRefusesTheToken() {
        pve.stubFor(get("/api2/json/version").willReturn(aResponse().withStatus(401).withStatusMessage("authentication failure")));

        Health health = new ProxmoxHealthIndicator(ProxmoxFixtures.client(pve.baseUrl() + "/api2/json"), inspector(),
                Mockito.mock(OsImages.class)).health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails().get("api").toString()).contains("401 authentication failure").doesNotContain(ProxmoxFixtures.SECRET);
    }

    @Test
    void aMemoryPropertyStringIsReadByItsDefaultKey() {
        pve.stubFor(get(CONFIG).willReturn(okJson(data(GOOD.replace("\"name\"", "\"memory\":\"current=2048\",\"name\"")))));

        assertThat(ProxmoxFixtures.client(pve.baseUrl() + "/api2/json").config(TEMPLATE).memoryMb()).isEqualTo(2048);
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
