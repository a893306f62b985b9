package io.edukit.vmservice.proxmoxsim;

import static org.assertj.core.api.Assertions.assertThat;

import io.edukit.vmservice.proxmoxsim.testing.PveClient;
import io.edukit.vmservice.proxmoxsim.testing.SimulatorExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The admin endpoint works without a token, over the same verified HTTPS. */
class AdminEndpointTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @RegisterExtension
    final SimulatorExtension pve = SimulatorExtension.instant();
    private HttpClient admin;

    @BeforeEach
    void trustTheSimulator() {
        admin = HttpClient.newBuilder().sslContext(PveClient.trusting(pve.sim().certificatePem())).build();
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(pve.sim().adminUrl() + path))
                .header("Content-Type", "application/json")
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return admin.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void faultsPostedOverHttpApplyToTheApi() throws Exception {
        HttpResponse<String> posted = send("POST", "/faults",
                "{\"type\":\"scripted-failure\",\"operation\":\"clone\",\"times\":1,\"status\":500,\"reason\":\"VM is locked (clone)\"}");

        assertThat(posted.statusCode()).isEqualTo(200);
        JsonNode listed = JSON.readTree(send("GET", "/faults", "").body()).path("faults");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).path("operation").asString()).isEqualTo("clone");
        assertThat(listed.get(0).path("times").asInt()).isEqualTo(1);
        assertThat(pve.api().raw("POST", "/nodes/pve4/qemu/9999/clone", "newid", "700").reason()).isEqualTo("VM is locked (clone)");
        assertThat(JSON.readTree(send("GET", "/faults", "").body()).path("faults")).isEmpty();
    }

    @Test
    void severalFaultsCanBePostedAndAllCleared() throws Exception {
        send("POST", "/faults", """
                [{"type":"error-rate","operation":"any","rate":1.0,"status":503,"reason":"Service Unavailable"},
                 {"type":"latency-spike","operation":"version","probability":0.5,"extraMillis":10},
                 {"type":"task-failure","operation":"start","times":2,"exitStatus":"boom"}]""");
        assertThat(pve.api().get("/version").status()).isEqualTo(503);

        HttpResponse<String> cleared = send("DELETE", "/faults", "");

        assertThat(JSON.readTree(cleared.body()).path("faults")).isEmpty();
        assertThat(pve.api().get("/version").status()).isEqualTo(200);
    }

    @Test
    void aMalformedFaultIsABadRequest() throws Exception {
        HttpResponse<String> response = send("POST", "/faults", "{\"type\":\"meteor-strike\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("error").asString()).startsWith("unknown fault type 'meteor-strike'");
    }

    @Test
    void countersAreReadAndResetOverHttp() throws Exception {
        pve.api().get("/version");
        pve.api().awaitTask(pve.api().post("/nodes/pve4/qemu/9999/clone", "newid", "701", "description", "vmservice-id=x1").upid());

        JsonNode counters = JSON.readTree(send("GET", "/counters", "").body());

        assertThat(counters.path("calls").path("GET /version").asInt()).isEqualTo(1);
        assertThat(counters.path("calls").path("POST /nodes/{node}/qemu/{vmid}/clone").asInt()).isEqualTo(1);
        assertThat(counters.path("clonesPerDescription").path("vmservice-id=x1").asInt()).isEqualTo(1);
        assertThat(counters.path("peakConcurrentClones").path("pve4").asInt()).isEqualTo(1);
        assertThat(counters.path("taskPolls").asInt()).isPositive();

        JsonNode reset = JSON.readTree(send("POST", "/reset-counters", "").body());
        assertThat(reset.path("calls").isEmpty()).isTrue();
        assertThat(reset.path("taskPolls").asInt()).isZero();
    }

    @Test
    void aTemplateIsRemovedAndInstalledOverHttp() throws Exception {
        HttpResponse<String> removed = send("DELETE", "/vms/9999", "");

        assertThat(removed.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(removed.body()).path("vmid").asInt()).isEqualTo(9999);
        assertThat(pve.sim().vmids()).isEmpty();
        assertThat(send("DELETE", "/vms/9999", "").statusCode()).isEqualTo(404);

        HttpResponse<String> installed = send("POST", "/templates", "{\"vmid\":9998,\"name\":\"ubuntu-24.04\",\"node\":\"pve4\"}");

        assertThat(installed.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(installed.body());
        assertThat(body.path("vmid").asInt()).isEqualTo(9998);
        assertThat(body.path("storage").asString()).isEqualTo("local-lvm");
        assertThat(body.path("config").path("scsi0").asString()).isEqualTo("local-lvm:base-9998-disk-0,size=2G");
        assertThat(pve.sim().vmids()).containsExactly(9998);
        JsonNode config = pve.api().get("/nodes/pve4/qemu/9998/config").data();
        assertThat(config.path("template").asInt()).isEqualTo(1);
        assertThat(config.path("name").asString()).isEqualTo("ubuntu-24.04");
        assertThat(pve.api().awaitTask(pve.api().post("/nodes/pve4/qemu/9998/clone", "newid", "702").upid())
                .path("exitstatus").asString()).isEqualTo("OK");
    }

    @Test
    void aTemplateWithOptionsCanBeInstalled() throws Exception {
        HttpResponse<String> installed = send("POST", "/templates", """
                {"vmid":9997,"name":"broken","node":"pve4","diskSizeGb":4,"cores":1,"memoryMb":1024,
                 "description":"no cloud-init","cloudInitDrive":false}""");

        assertThat(installed.statusCode()).isEqualTo(200);
        JsonNode config = pve.api().get("/nodes/pve4/qemu/9997/config").data();
        assertThat(config.path("scsi0").asString()).isEqualTo("local-lvm:base-9997-disk-0,size=4G");
        assertThat(config.path("cores").asInt()).isEqualTo(1);
        assertThat(config.path("memory").asString()).isEqualTo("1024");
        assertThat(config.path("description").asString()).isEqualTo("no cloud-init");
        assertThat(config.has("ide2")).isFalse();
    }

    @Test
    void aTakenVmidIsAConflictAndABadTemplateABadRequest() throws Exception {
        HttpResponse<String> taken = send("POST", "/templates", "{\"vmid\":9999,\"name\":\"again\",\"node\":\"pve4\"}");
        HttpResponse<String> unknownNode = send("POST", "/templates", "{\"vmid\":9998,\"name\":\"x\",\"node\":\"pve9\"}");
        HttpResponse<String> noName = send("POST", "/templates", "{\"vmid\":9998,\"node\":\"pve4\"}");
        HttpResponse<String> badVmid = send("DELETE", "/vms/abc", "");

        assertThat(taken.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(taken.body()).path("error").asString()).contains("9999");
        assertThat(unknownNode.statusCode()).isEqualTo(400);
        assertThat(noName.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(noName.body()).path("error").asString()).isEqualTo("missing 'name'");
        assertThat(badVmid.statusCode()).isEqualTo(400);
        assertThat(pve.sim().vmids()).containsExactly(9999);
    }

    @Test
    void anUnknownAdminPathIsNotFound() throws Exception {
        assertThat(send("GET", "/state", "").statusCode()).isEqualTo(404);
    }
}
