package io.edukit.vmservice.worker.proxmox;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/** Pins the exact requests: method, path, form fields or query, and the token header. */
class ProxmoxClientRequestsTest {

    static final String UPID = "UPID:pve4:000A1B2C:0012D687:67A1B2C3:qmclone:9999:edukit-api-dev@pve!vm-service:";
    static final String AUTH = "PVEAPIToken=" + ProxmoxFixtures.TOKEN_ID + "=" + ProxmoxFixtures.SECRET;
    static final VmRef VM = new VmRef("pve4", 4101);

    @RegisterExtension
    static WireMockExtension pve = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    ProxmoxClient client;

    @BeforeEach
    void client() {
        client = ProxmoxFixtures.client(pve.baseUrl() + "/api2/json");
    }

    @Test
    void cloneIsAFullCloneOnTheTemplatesNodeWithNameStorageAndMarker() {
        pve.stubFor(post("/api2/json/nodes/pve4/qemu/9999/clone").willReturn(okJson(data("\"" + UPID + "\""))));

        Upid task = client.cloneVm(new CloneRequest(new VmRef("pve4", 9999), 4101, "ws-alice-01", "local-lvm",
                "vmservice-id=5f0c8a9e-2b1d-3f4a-8c7e-6d5b4a3c2b1a"));

        assertThat(task.value()).isEqualTo(UPID);
        assertThat(task.node()).isEqualTo("pve4");
        pve.verify(authorised(postRequestedFor(urlEqualTo("/api2/json/nodes/pve4/qemu/9999/clone")))
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                .withFormParam("newid", equalTo("4101"))
                .withFormParam("name", equalTo("ws-alice-01"))
                .withFormParam("full", equalTo("1"))
                .withFormParam("storage", equalTo("local-lvm"))
                .withFormParam("description", equalTo("vmservice-id=5f0c8a9e-2b1d-3f4a-8c7e-6d5b4a3c2b1a")));
        assertThat(onlyRequest().getBodyAsString()).doesNotContain("fullclone");
    }

    @Test
    void aVmidIsFreeWhenNextidAcceptsItAndTakenWhenItAlreadyExists() {
        pve.stubFor(get("/api2/json/cluster/nextid?vmid=4101").willReturn(okJson(data("\"4101\""))));
        pve.stubFor(get("/api2/json/cluster/nextid?vmid=4102").willReturn(aResponse().withStatus(400)
                .withStatusMessage("Parameter verification failed.")
                .withBody("{\"data\":null,\"errors\":{\"vmid\":\"VM 4102 already exists\"}}")));

        assertThat(client.isVmidFree(4101)).isTrue();
        assertThat(client.isVmidFree(4102)).isFalse();
        pve.verify(authorised(getRequestedFor(urlEqualTo("/api2/json/cluster/nextid?vmid=4101"))));
    }

    @Test
    void configIsReadTyped() {
        pve.stubFor(get("/api2/json/nodes/pve4/qemu/4101/config").willReturn(okJson(data("""
                {"name":"ws-alice-01","template":1,"agent":"enabled=1,fstrim_cloned_disks=1",
                 "scsi0":"local-lvm:vm-4101-disk-0,size=20G","ide2":"local-lvm:vm-4101-cloudinit,media=cdrom",
                 "boot":"order=scsi0","net0":"virtio=BC:24:11:2A:3B:4C,bridge=vmbr0","cores":2,"memory":"2048",
                 "lock":"clone","digest":"abc","description":"vmservice-id=x"}"""))));

        VmConfig config = client.config(VM);

        assertThat(config.template()).isTrue();
        assertThat(config.lock()).isEqualTo("clone");
        assertThat(config.agentEnabled()).isTrue();
        assertThat(config.scsi0SizeGb()).contains(20L);
        assertThat(config.net0Mac()).contains("bc:24:11:2a:3b:4c");
        assertThat(config.cores()).isEqualTo(2);
        assertThat(config.memoryMb()).isEqualTo(2048);
        assertThat(config.description()).isEqualTo("vmservice-id=x");
    }

    @Test
    void configChangesAreFormFieldsAsyncByPostAndSyncByPut() {
        pve.stubFor(post("/api2/json/nodes/pve4/qemu/4101/config").willReturn(okJson(data("\"" + UPID + "\""))));
        pve.stubFor(put("/api2/json/nodes/pve4/qemu/4101/config").willReturn(okJson(data("null"))));
        ConfigChange change = new ConfigChange("ws-alice-01", 2, 2048, "user=local:snippets/vm-4101.yaml", "ip=dhcp",
                List.of("edukit", "course-net-101"), true, null);

        client.updateConfig(VM, change);
        client.setConfig(VM, new ConfigChange(null, 4, null, null, null, null, null, null));

        pve.verify(authorised(postRequestedFor(urlEqualTo("/api2/json/nodes/pve4/qemu/4101/config")))
                .withFormParam("name", equalTo("ws-alice-01"))
                .withFormParam("cores", equalTo("2"))
                .withFormParam("memory", equalTo("2048"))
                .withFormParam("cicustom", equalTo("user=local:snippets/vm-4101.yaml"))
                .withFormParam("ipconfig0", equalTo("ip=dhcp"))
                .withFormParam("tags", equalTo("edukit;course-net-101"))
                .withFormParam("agent", equalTo("enabled=1")));
        pve.verify(authorised(putRequestedFor(urlEqualTo("/api2/json/nodes/pve4/qemu/4101/config")))
                .withRequestBody(equalTo("cores=4")));
    }

    @Test
    void resizeSetsAnAbsoluteSizeOnScsi0() {
        pve.stubFor(put("/api2/json/nodes/pve4/qemu/4101/resize").willReturn(okJson(data("\"" + UPID + "\""))));

        client.resizeDisk(VM, "scsi0", 20);

        pve.verify(authorised(putRequestedFor(urlEqualTo("/api2/json/nodes/pve4/qemu/4101/resize")))
                .withFormParam("disk", equalTo("scsi0"))
                .withFormParam("size", equalTo("20G")));
    }

    @Test
    void powerCallsAreTasks() {
        for (String action : List.of("start", "stop", "shutdown")) {
            pve.stubFor(post("/api2/json/nodes/pve4/qemu/4101/status/" + action).willReturn(okJson(data("\"" + UPID + "\""))));
        }

        client.start(VM);
        client.stop(VM);
        client.shutdown(VM, 60);

        pve.verify(authorised(postRequestedFor(urlEqualTo("/api2/json/nodes/pve4/qemu/4101/status/start"))));
        pve.verify(authorised(postRequestedFor(urlEqualTo("/api2/json/nodes/pve4/qemu/4101/status/stop"))));
        pve.verify(authorised(postRequestedFor(urlEqualTo("/api2/json/nodes/pve4/qemu/4101/status/shutdown")))
                .withFormParam("timeout", equalTo("60")));
    }

    @Test
    void deletePurgesAndDestroysUnreferencedDisks() {
        pve.stubFor(delete(urlPathEqualTo("/api2/json/nodes/pve4/qemu/4101")).willReturn(okJson(data("\"" + UPID + "\""))));

        client.delete(VM);

        pve.verify(authorised(deleteRequestedFor(urlEqualTo("/api2/json/nodes/pve4/qemu/4101?purge=1&destroy-unreferenced-disks=1"))));
    }

    @Test
    void stateTaskStatusAndTaskLogAreRead() {
        pve.stubFor(get("/api2/json/nodes/pve4/qemu/4101/status/current").willReturn(okJson(data(
                "{\"status\":\"running\",\"qmpstatus\":\"running\",\"vmid\":4101,\"agent\":1}"))));
        pve.stubFor(get("/api2/json/nodes/pve4/tasks/" + UPID + "/status").willReturn(okJson(data(
                "{\"status\":\"stopped\",\"exitstatus\":\"WARNINGS: 1\",\"upid\":\"" + UPID + "\"}"))));
        String log = "/api2/json/nodes/pve4/tasks/" + UPID + "/log";
        pve.stubFor(get(log + "?start=0&limit=1").willReturn(okJson("{\"data\":[{\"n\":1,\"t\":\"create full clone\"}],\"total\":702}")));
        pve.stubFor(get(log + "?start=700&limit=2").willReturn(okJson("{\"data\":[{\"n\":701,\"t\":\"transferred 2.0 GiB\"},"
                + "{\"n\":702,\"t\":\"TASK ERROR: storage 'gone' does not exist\"}],\"total\":702}")));

        assertThat(client.state(VM).running()).isTrue();
        TaskStatus status = client.taskStatus(new Upid(UPID));
        assertThat(status.finished()).isTrue();
        assertThat(status.succeeded()).isTrue();
        assertThat(client.taskLog(new Upid(UPID), 2)).as("the last lines of a long log")
                .containsExactly("transferred 2.0 GiB", "TASK ERROR: storage 'gone' does not exist");
        pve.verify(authorised(getRequestedFor(urlEqualTo(log + "?start=0&limit=1"))));
    }

    @Test
    void guestInterfacesVersionAndClusterVmsAreRead() {
        pve.stubFor(get("/api2/json/nodes/pve4/qemu/4101/agent/network-get-interfaces").willReturn(okJson(data("""
                {"result":[{"name":"lo","hardware-address":"00:00:00:00:00:00","ip-addresses":[{"ip-address-type":"ipv4","ip-address":"127.0.0.1","prefix":8}]},
                           {"name":"eth0","hardware-address":"bc:24:11:2a:3b:4c","ip-addresses":[{"ip-address-type":"ipv4","ip-address":"10.20.0.17","prefix":24},
                                                                                           {"ip-address-type":"ipv6","ip-address":"fe80::be24:11ff:fe2a:3b4c","prefix":64}]}]}"""))));
        pve.stubFor(get("/api2/json/version").willReturn(okJson(data("{\"version\":\"9.1.2\",\"release\":\"9.1\",\"repoid\":\"x\"}"))));
        pve.stubFor(get("/api2/json/cluster/resources?type=vm").willReturn(okJson(data("""
                [{"id":"qemu/9999","type":"qemu","vmid":9999,"node":"pve4","name":"debian-12","status":"stopped","template":1},
                 {"id":"qemu/4101","type":"qemu","vmid":4101,"node":"pve4","name":"ws-alice-01","status":"running","template":0}]"""))));

        List<GuestInterface> nics = client.guestNetworkInterfaces(VM);
        assertThat(nics).extracting(GuestInterface::name).containsExactly("lo", "eth0");
        assertThat(nics.get(1).macAddress()).isEqualTo("bc:24:11:2a:3b:4c");
        assertThat(nics.get(1).addresses()).extracting(GuestInterface.IpAddress::address).containsExactly("10.20.0.17", "fe80::be24:11ff:fe2a:3b4c");
        assertThat(client.version()).isEqualTo(new PveVersion("9.1.2", "9.1"));
        assertThat(client.clusterVms()).containsExactly(
                new ClusterVm(9999, "pve4", "debian-12", "stopped", true),
                new ClusterVm(4101, "pve4", "ws-alice-01", "running", false));
    }

    private static RequestPatternBuilder authorised(RequestPatternBuilder request) {
        return request.withHeader("Authorization", equalTo(AUTH));
    }

    private static com.github.tomakehurst.wiremock.verification.LoggedRequest onlyRequest() {
        List<com.github.tomakehurst.wiremock.verification.LoggedRequest> requests = pve.findAll(anyRequestedFor(anyUrl()));
        assertThat(requests).hasSize(1);
        return requests.getFirst();
    }

    static String data(String json) {
        return "{\"data\":" + json + "}";
    }
}
