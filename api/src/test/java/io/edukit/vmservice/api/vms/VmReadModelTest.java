package io.edukit.vmservice.api.vms;

import io.edukit.vmservice.api.support.ApiTest;
import io.edukit.vmservice.api.support.HttpCaller;
import io.edukit.vmservice.api.support.JobRows;
import io.edukit.vmservice.api.support.JobRows.Job;
import io.edukit.vmservice.api.support.TestIssuer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.edukit.vmservice.api.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a GET shows of a VM at each point of its life, read from jobs as the worker stores them:
 * rows are written here the way the worker writes them, no worker runs.
 */
@ApiTest
class VmReadModelTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;

    HttpCaller http;
    String owner;

    @BeforeEach
    void connect() {
        http = HttpCaller.authorized(port);
        owner = "owner-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aRunningVmShowsWhereItLivesAndItsAddress() {
        Instant updated = Instant.parse("2025-03-01T10:15:30.123456Z");
        UUID id = job(new Job("RUNNING").ipAddresses("10.0.134.160").placed("pve4", 100000).updatedAt(updated));

        JsonNode vm = vm(id);

        assertThat(vm.get("status").asString()).isEqualTo("RUNNING");
        assertThat(vm.get("ipAddresses").values()).extracting(JsonNode::asString).containsExactly("10.0.134.160");
        assertThat(vm.get("node").asString()).isEqualTo("pve4");
        assertThat(vm.get("proxmoxVmid").asInt()).isEqualTo(100000);
        assertThat(Instant.parse(vm.get("updatedAt").asString())).isEqualTo(updated);
        assertThat(vm.has("step")).as("no step once RUNNING").isFalse();
        assertThat(vm.has("failure")).isFalse();
        assertThat(vm.has("note")).isFalse();
        assertThat(vm.get("hostname").asString()).isEqualTo("ws-" + owner);
    }

    @Test
    void aProvisioningVmShowsItsStepAndItsPlacementOnceKnown() {
        UUID placed = job(new Job("PROVISIONING").step("RESIZING_DISK").placed("pve4", 100001).attempts(2));
        UUID justBegun = job(new Job("PROVISIONING").step("CLONING"));

        JsonNode resizing = vm(placed);
        JsonNode cloning = vm(justBegun);

        assertThat(resizing.get("status").asString()).isEqualTo("PROVISIONING");
        assertThat(resizing.get("step").asString()).isEqualTo("RESIZING_DISK");
        assertThat(resizing.get("node").asString()).isEqualTo("pve4");
        assertThat(resizing.get("proxmoxVmid").asInt()).isEqualTo(100001);
        assertThat(resizing.get("ipAddresses").values()).isEmpty();
        assertThat(resizing.has("failure")).as("retries of a step are not a failure").isFalse();
        assertThat(cloning.get("step").asString()).isEqualTo("CLONING");
        assertThat(cloning.has("node")).as("not placed yet").isFalse();
        assertThat(cloning.has("proxmoxVmid")).isFalse();
    }

    @Test
    void aFailedVmShowsTheStepThatFailedWhyHowOftenAndWhetherAReplayMayHelp() {
        UUID transientFailure = job(new Job("FAILED").step("STARTING").placed("pve4", 100002)
                .failed("gave up after 8 attempts: VM 100002 is locked (clone)", 8, true));
        UUID permanentFailure = job(new Job("FAILED").step("CLONING")
                .failed("template 9999 on pve4 does not exist: qm template 9999", 1, false));

        JsonNode retryable = vm(transientFailure);
        JsonNode permanent = vm(permanentFailure);

        assertThat(retryable.get("status").asString()).isEqualTo("FAILED");
        assertThat(retryable.get("step").asString()).isEqualTo("STARTING");
        assertThat(retryable.get("failure").get("reason").asString()).isEqualTo("gave up after 8 attempts: VM 100002 is locked (clone)");
        assertThat(retryable.get("failure").get("attempts").asInt()).isEqualTo(8);
        assertThat(retryable.get("failure").get("retryable").asBoolean()).isTrue();
        assertThat(retryable.get("node").asString()).isEqualTo("pve4");
        assertThat(permanent.get("step").asString()).isEqualTo("CLONING");
        assertThat(permanent.get("failure").get("retryable").asBoolean()).isFalse();
        assertThat(permanent.get("failure").get("attempts").asInt()).isOne();
        assertThat(permanent.has("proxmoxVmid")).isFalse();
    }

    @Test
    void aRunningVmWithoutAnAddressSaysWhyAndTheNoteGoesWithTheRunningStatus() {
        String note = "the guest agent reported no IPv4 address on net0 within PT5M: the VM runs; check its console or its DHCP lease";
        UUID running = job(new Job("RUNNING").placed("pve4", 100003).note(note));
        UUID deleting = job(new Job("DELETING").placed("pve4", 100004).note(note));

        JsonNode withoutAddress = vm(running);

        assertThat(withoutAddress.get("status").asString()).isEqualTo("RUNNING");
        assertThat(withoutAddress.get("ipAddresses").values()).isEmpty();
        assertThat(withoutAddress.get("note").asString()).isEqualTo(note);
        assertThat(vm(deleting).has("note")).as("a note of an earlier RUNNING is not shown while DELETING").isFalse();
    }

    @Test
    void aDeletedVmKeepsWhereItLivedAndNoAddress() {
        JsonNode deleted = vm(job(new Job("DELETED").placed("pve4", 100005)));

        assertThat(deleted.get("status").asString()).isEqualTo("DELETED");
        assertThat(deleted.get("ipAddresses").values()).isEmpty();
        assertThat(deleted.get("node").asString()).isEqualTo("pve4");
        assertThat(deleted.has("step")).isFalse();
        assertThat(deleted.has("failure")).isFalse();
    }

    @Test
    void aListShowsEachVmAsItsGetDoesAndFiltersByStatus() {
        UUID running = job(new Job("RUNNING").ipAddresses("10.0.134.161").placed("pve4", 100006)
                .createdAt(Instant.now().minusSeconds(60)));
        UUID failed = job(new Job("FAILED").step("CLONING").failed("no space left on device", 1, false));
        UUID requested = request();

        JsonNode all = http.get("/api/v1/vms?ownerId=" + owner).json();
        JsonNode onlyRunning = http.get("/api/v1/vms?ownerId=" + owner + "&status=RUNNING").json();
        JsonNode onlyRequested = http.get("/api/v1/vms?ownerId=" + owner + "&status=REQUESTED").json();

        assertThat(all.get("totalItems").asInt()).isEqualTo(3);
        assertThat(all.get("items").values()).extracting(vm -> vm.get("id").asString())
                .containsExactlyInAnyOrder(running.toString(), failed.toString(), requested.toString());
        for (JsonNode item : all.get("items").values()) {
            assertThat(item).as("list item equals its GET").isEqualTo(vm(UUID.fromString(item.get("id").asString())));
        }
        assertThat(onlyRunning.get("items").values()).singleElement().satisfies(vm -> {
            assertThat(vm.get("id").asString()).isEqualTo(running.toString());
            assertThat(vm.get("ipAddresses").values()).extracting(JsonNode::asString).containsExactly("10.0.134.161");
            assertThat(vm.get("proxmoxVmid").asInt()).isEqualTo(100006);
        });
        assertThat(onlyRequested.get("items").values()).singleElement().satisfies(vm -> {
            assertThat(vm.get("id").asString()).isEqualTo(requested.toString());
            assertThat(vm.has("node")).isFalse();
            assertThat(vm.has("proxmoxVmid")).isFalse();
            assertThat(vm.has("step")).isFalse();
        });
    }

    @Test
    void onceTheWorkerHasAJobTheJobIsWhatCallersSee() {
        UUID id = request();
        assertThat(vm(id).get("status").asString()).isEqualTo("REQUESTED");

        job(id, new Job("PROVISIONING").step("STARTING").placed("pve4", 100007));

        assertThat(vm(id).get("status").asString()).isEqualTo("PROVISIONING");
        assertThat(vm(id).get("proxmoxVmid").asInt()).isEqualTo(100007);
        assertThat(http.get("/api/v1/vms?ownerId=" + owner).json().get("totalItems").asInt()).isOne();
    }

    @Test
    void aCallerSeesAndDeletesOnlyTheVmsItRequestedWhileOpsSeesThemAll() {
        UUID mine = job(new Job("RUNNING").placed("pve4", 100009));
        UUID theirsRunning = job(new Job("RUNNING").placed("pve4", 100010).requestedBy("another-service"));
        UUID theirsRequested = request("another-service");
        HttpCaller ops = HttpCaller.withToken(port, TestIssuer.token(TestIssuer.OPERATOR, "vm:read vm:admin"));

        JsonNode listed = http.get("/api/v1/vms?ownerId=" + owner).json();

        assertThat(listed.get("items").values()).extracting(vm -> vm.get("id").asString()).containsExactly(mine.toString());
        assertThat(listed.get("totalItems").asInt()).isOne();
        for (UUID theirs : List.of(theirsRunning, theirsRequested)) {
            assertProblem(http.get("/api/v1/vms/" + theirs), 404, "vm-not-found");
            assertProblem(http.delete("/api/v1/vms/" + theirs), 404, "vm-not-found");
            assertThat(ops.get("/api/v1/vms/" + theirs).status()).isEqualTo(200);
        }
        assertThat(ops.get("/api/v1/vms?ownerId=" + owner).json().get("items").values())
                .extracting(vm -> vm.get("id").asString())
                .containsExactlyInAnyOrder(mine.toString(), theirsRunning.toString(), theirsRequested.toString());
    }

    /**
     * With sequential scans off, PostgreSQL must find an index with a condition for every table a
     * read by id, by owner, or by owner and status touches (a full walk of an index does not count).
     */
    @Test
    void readsByIdOwnerAndStatusAreServedByIndexes() throws Exception {
        job(new Job("RUNNING").placed("pve4", 100008));
        UUID id = request();

        String caller = TestIssuer.CALLER;
        assertIndexed(plan(VmViews.VIEW.formatted("vm_id = ?", "r.vm_id = ?"), id, id));
        assertIndexed(plan(VmViews.VIEW.formatted("requested_by = ? and vm_id = ?", "r.caller = ? and r.vm_id = ?"),
                caller, id, caller, id));
        assertIndexed(plan(VmViews.VIEW.formatted("requested_by = ?", "r.caller = ?"), caller, caller));
        assertIndexed(plan(VmViews.VIEW.formatted("owner_id = ?", "r.owner_id = ?"), owner, owner));
        assertIndexed(plan(VmViews.VIEW.formatted("requested_by = ? and owner_id = ?", "r.caller = ? and r.owner_id = ?"),
                caller, owner, caller, owner));
        assertIndexed(plan(VmViews.VIEW.formatted("requested_by = ? and owner_id = ? and status = ?",
                "r.caller = ? and r.owner_id = ? and 'REQUESTED' = ?"), caller, owner, "RUNNING", caller, owner, "RUNNING"));
        assertIndexed(plan(VmViews.VIEW.formatted("owner_id = ? and status = ?", "r.owner_id = ? and 'REQUESTED' = ?"),
                owner, "REQUESTED", owner, "REQUESTED"));
    }

    private static void assertIndexed(String plan) {
        List<String> lines = plan.lines().toList();
        long scans = lines.stream().filter(line -> line.contains(" Scan ") && !line.contains("Bitmap Heap Scan")).count();
        long conditions = lines.stream().filter(line -> line.contains("Index Cond:")).count();
        assertThat(plan).doesNotContain("Seq Scan");
        assertThat(conditions).as("every scan has an index condition:%n%s", plan).isEqualTo(scans);
    }

    @Test
    void theOpenApiDocumentDescribesTheNewFields() {
        JsonNode vm = http.get("/v3/api-docs").json().get("components").get("schemas").get("VmResource");

        assertThat(vm.get("properties").propertyNames())
                .contains("status", "step", "ipAddresses", "node", "proxmoxVmid", "note", "failure", "updatedAt");
        assertThat(vm.get("properties").get("node").get("description").asString()).contains("node");
        assertThat(vm.get("properties").get("note").get("description").asString()).contains("RUNNING");
    }

    private String plan(String sql, Object... params) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("set enable_seqscan = off");
            }
            try (PreparedStatement explain = connection.prepareStatement("explain " + sql)) {
                for (int i = 0; i < params.length; i++) {
                    explain.setObject(i + 1, params[i]);
                }
                StringBuilder plan = new StringBuilder();
                try (ResultSet rows = explain.executeQuery()) {
                    while (rows.next()) {
                        plan.append(rows.getString(1)).append('\n');
                    }
                }
                return plan.toString();
            } finally {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("reset enable_seqscan");
                }
            }
        }
    }

    private JsonNode vm(UUID id) {
        HttpCaller.Response response = http.get("/api/v1/vms/" + id);
        assertThat(response.status()).isEqualTo(200);
        return response.json();
    }

    /** A request the API confirmed, not yet a job. */
    private UUID request() {
        return request(TestIssuer.CALLER);
    }

    private UUID request(String caller) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into vm_request (caller, idempotency_key, body_fingerprint, vm_id, os_image, hostname, cores,
                    memory_mb, disk_gb, owner_id, course_id, confirmed_at)
                values (?, ?, 'fingerprint', ?, 'debian-12', ?, 2, 2048, 20, ?, 'net-101', now())""")
                .params(caller, id.toString(), id, "ws-" + owner, owner).update();
        return id;
    }

    private UUID job(Job job) {
        return job(UUID.randomUUID(), job);
    }

    private UUID job(UUID id, Job job) {
        return new JobRows(jdbc).insert(id, job.owner(owner));
    }
}
