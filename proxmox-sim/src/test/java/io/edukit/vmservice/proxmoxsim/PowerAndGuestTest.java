package io.edukit.vmservice.proxmoxsim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.edukit.vmservice.proxmoxsim.testing.PveResponse;
import io.edukit.vmservice.proxmoxsim.testing.SimulatorExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

class PowerAndGuestTest {

    @RegisterExtension
    final SimulatorExtension pve = SimulatorExtension.with(SimulatorSettings.instant().toBuilder()
            .agentDelay(Duration.ofSeconds(3))
            .build());

    private void cloneTo(int newid, String... config) {
        pve.api().awaitTask(pve.api().post("/nodes/pve4/qemu/9999/clone", "newid", Integer.toString(newid), "full", "1").upid());
        if (config.length > 0) {
            assertThat(pve.api().put("/nodes/pve4/qemu/" + newid + "/config", config).status()).isEqualTo(200);
        }
    }

    private JsonNode startAndWait(int vmid) {
        return pve.api().awaitTask(pve.api().post("/nodes/pve4/qemu/" + vmid + "/status/start").upid());
    }

    @Test
    void startingATemplateIsRefusedByItsTask() {
        JsonNode task = startAndWait(9999);

        assertThat(task.path("exitstatus").asString()).isEqualTo("you can't start a vm if it's a template");
        assertThat(pve.api().get("/nodes/pve4/qemu/9999/status/current").data().path("status").asString()).isEqualTo("stopped");
    }

    @Test
    void startFailsWhileTheCicustomSnippetIsMissingAndSucceedsOnceItExists() throws IOException {
        cloneTo(200, "cicustom", "user=local:snippets/vm-200-user.yaml");

        JsonNode failed = startAndWait(200);
        assertThat(failed.path("exitstatus").asString()).isEqualTo("volume 'local:snippets/vm-200-user.yaml' does not exist");

        Files.writeString(pve.sim().snippetsDirectory().resolve("vm-200-user.yaml"), "#cloud-config\nhostname: ws-200\n");
        JsonNode started = startAndWait(200);
        assertThat(started.path("exitstatus").asString()).isEqualTo("OK");
        JsonNode status = pve.api().get("/nodes/pve4/qemu/200/status/current").data();
        assertThat(status.path("status").asString()).isEqualTo("running");
        assertThat(status.path("qmpstatus").asString()).isEqualTo("running");
        assertThat(status.path("agent").asInt()).isEqualTo(1);
        assertThat(status.path("pid").asInt()).isPositive();
        JsonNode snippets = pve.api().get("/nodes/pve4/storage/local/content", "content", "snippets").data();
        assertThat(snippets.get(0).path("volid").asString()).isEqualTo("local:snippets/vm-200-user.yaml");
    }

    @Test
    void aSnippetOnAnotherContentTypeIsRefused() {
        cloneTo(201, "cicustom", "user=local:iso/seed.iso");

        assertThat(startAndWait(201).path("exitstatus").asString()).isEqualTo("local:iso/seed.iso is not in the snippets directory");
    }

    @Test
    void theGuestAgentAnswersOnlyAfterBootThenReportsAnIpv4OnTheMacOfNet0() {
        cloneTo(202);
        PveResponse beforeStart = pve.api().raw("GET", "/nodes/pve4/qemu/202/agent/network-get-interfaces");
        assertThat(beforeStart.reason()).isEqualTo("VM 202 is not running");

        startAndWait(202);
        PveResponse booting = pve.api().raw("GET", "/nodes/pve4/qemu/202/agent/network-get-interfaces");
        assertThat(booting.status()).isEqualTo(500);
        assertThat(booting.reason()).isEqualTo("QEMU guest agent is not running");

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> pve.api().get("/nodes/pve4/qemu/202/agent/network-get-interfaces").status() == 200);
        JsonNode interfaces = pve.api().get("/nodes/pve4/qemu/202/agent/network-get-interfaces").data().path("result");
        String mac = pve.api().get("/nodes/pve4/qemu/202/config").data().path("net0").asString().split("[=,]")[1];
        JsonNode eth0 = interfaces.get(1);
        assertThat(interfaces.get(0).path("name").asString()).isEqualTo("lo");
        assertThat(eth0.path("name").asString()).isEqualTo("eth0");
        assertThat(eth0.path("hardware-address").asString()).isEqualTo(mac.toLowerCase(Locale.ROOT));
        assertThat(eth0.path("ip-addresses").get(0).path("ip-address-type").asString()).isEqualTo("ipv4");
        assertThat(eth0.path("ip-addresses").get(0).path("ip-address").asString()).startsWith("10.");
        assertThat(eth0.path("ip-addresses").get(1).path("ip-address").asString()).startsWith("fe80::");
    }

    @Test
    void aStaticIpconfigIsTheAddressTheGuestReports() {
        pve.restart(SimulatorSettings.instant());
        cloneTo(203, "ipconfig0", "ip=192.168.50.23/24,gw=192.168.50.1");
        startAndWait(203);

        JsonNode eth0 = pve.api().get("/nodes/pve4/qemu/203/agent/network-get-interfaces").data().path("result").get(1);

        assertThat(eth0.path("ip-addresses").get(0).path("ip-address").asString()).isEqualTo("192.168.50.23");
        assertThat(eth0.path("ip-addresses").get(0).path("prefix").asInt()).isEqualTo(24);
    }

    @Test
    void aRunningVmCannotBeDestroyedButAStoppedOneIsRemoved() {
        cloneTo(204);
        startAndWait(204);

        PveResponse refused = pve.api().raw("DELETE", "/nodes/pve4/qemu/204", "purge", "1");
        assertThat(refused.status()).isEqualTo(500);
        assertThat(refused.reason()).isEqualTo("VM 204 is running - destroy failed");

        assertThat(pve.api().awaitTask(pve.api().post("/nodes/pve4/qemu/204/status/stop").upid()).path("exitstatus").asString()).isEqualTo("OK");
        JsonNode destroyed = pve.api().awaitTask(pve.api().delete("/nodes/pve4/qemu/204", "purge", "1", "destroy-unreferenced-disks", "1").upid());
        assertThat(destroyed.path("exitstatus").asString()).isEqualTo("OK");
        assertThat(destroyed.path("type").asString()).isEqualTo("qmdestroy");
        assertThat(pve.sim().vmids()).containsExactly(9999);
        assertThat(pve.api().raw("GET", "/nodes/pve4/qemu/204/config").reason())
                .isEqualTo("Configuration file 'nodes/pve4/qemu-server/204.conf' does not exist");
    }

    @Test
    void shutdownStopsARunningVm() {
        cloneTo(205);
        startAndWait(205);

        JsonNode task = pve.api().awaitTask(pve.api().post("/nodes/pve4/qemu/205/status/shutdown", "timeout", "30").upid());

        assertThat(task.path("exitstatus").asString()).isEqualTo("OK");
        assertThat(pve.api().get("/nodes/pve4/qemu/205/status/current").data().path("status").asString()).isEqualTo("stopped");
    }

    @Test
    void optionsChangedWhileRunningWaitInPendingUntilTheNextStart() {
        cloneTo(206);
        startAndWait(206);

        pve.api().awaitTask(pve.api().post("/nodes/pve4/qemu/206/config", "cores", "6").upid());

        assertThat(pve.api().get("/nodes/pve4/qemu/206/config").data().path("cores").asInt()).isEqualTo(6);
        assertThat(pve.api().get("/nodes/pve4/qemu/206/config", "current", "1").data().path("cores").asInt()).isEqualTo(2);
        JsonNode pending = pve.api().get("/nodes/pve4/qemu/206/pending").data();
        assertThat(pending.findValuesAsString("key")).contains("cores");
        pve.api().awaitTask(pve.api().post("/nodes/pve4/qemu/206/status/stop").upid());
        startAndWait(206);
        assertThat(pve.api().get("/nodes/pve4/qemu/206/config", "current", "1").data().path("cores").asInt()).isEqualTo(6);
    }
}
