package io.edukit.vmservice.devstack;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.edukit.vmservice.proxmoxsim.Operation;
import io.edukit.vmservice.proxmoxsim.ProxmoxSimulator;
import io.edukit.vmservice.proxmoxsim.TemplateSpec;
import io.edukit.vmservice.schemas.MessageCodec;
import io.edukit.vmservice.schemas.ProvisioningStep;
import io.edukit.vmservice.schemas.Topics;
import io.edukit.vmservice.schemas.VmStatus;
import io.edukit.vmservice.schemas.VmStatusChanged;
import io.edukit.vmservice.testsupport.KafkaProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The whole path end to end, as a caller and a subscriber see it: HTTP in, a command through
 * Kafka, the job in PostgreSQL, its steps run on the simulated Proxmox node (clone, cloud-init
 * over SFTP, resize, start, the guest agent's address), the status events out through the
 * outbox. Each subclass runs it on another kind of infrastructure; each gives the worker a
 * simulated node at the local stack's speed (twenty times faster than a real one).
 */
abstract class EndToEndScenarios {

    static final String KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKeDl/ezd7h4zxP2a4Ms4QFlxmRwD8OdeQaOCyEaCoX/ student@edukit";
    static final JsonMapper JSON = JsonMapper.builder().build();
    /** A real node takes about a minute for clone, start and the guest agent; the simulated one a few seconds. */
    static final Duration UNTIL_RUNNING = Duration.ofSeconds(60);
    static final Duration UNTIL_DELETED = Duration.ofSeconds(60);
    static final String IPV4 = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}";

    final HttpClient http = HttpClient.newHttpClient();
    final MessageCodec codec = new MessageCodec();
    KafkaProbe subscriber;
    /** Every event record read so far in this test, of all VMs, in the order read. */
    final List<ConsumerRecord<String, byte[]>> received = new ArrayList<>();

    abstract String apiUrl();

    abstract Connections connections();

    /** The simulated Proxmox node the worker of this stack talks to. */
    abstract ProxmoxSimulator proxmox();

    /** The token issuer the API of this stack trusts. */
    abstract LocalIssuer issuer();

    @BeforeEach
    void subscribe() {
        subscriber = new KafkaProbe(connections().kafkaBootstrapServers(), Topics.VM_EVENTS);
    }

    @AfterEach
    void unsubscribe() {
        subscriber.close();
    }

    @Test
    void aRequestedVmEndsRunningWithAnAddressWithinSecondsAndIsDeletedFromTheNode() throws Exception {
        String key = UUID.randomUUID().toString();
        String owner = "student-" + key.substring(0, 8);

        HttpResponse<String> accepted = post(key, request(owner));
        assertThat(accepted.statusCode()).isEqualTo(202);
        String id = JSON.readTree(accepted.body()).get("id").asString();
        assertThat(accepted.headers().firstValue("Location")).hasValue("/api/v1/vms/" + id);

        JsonNode running = awaitStatus(id, "RUNNING", UNTIL_RUNNING);
        assertThat(running.get("ipAddresses").values()).singleElement()
                .satisfies(address -> assertThat(address.asString()).matches(IPV4));
        assertThat(running.get("node").asString()).isEqualTo("pve4");
        int vmid = running.get("proxmoxVmid").asInt();
        assertThat(vmid).isBetween(100000, 199999);
        assertThat(running.has("step")).isFalse();
        assertThat(running.has("failure")).isFalse();
        assertThat(running.has("note")).as("a VM with an address needs no note").isFalse();

        // On the node: one clone for this VM, under that VMID, named and sized as asked, booting its user-data.
        assertThat(proxmox().counters().clonesWithMarker("vmservice-id=" + id)).isOne();
        Map<String, String> config = proxmox().vmConfig(vmid).orElseThrow();
        assertThat(config.get("name")).isEqualTo("ws-1");
        assertThat(config.get("description")).contains("vmservice-id=" + id);
        assertThat(config.get("memory")).isEqualTo("2048");
        assertThat(config.get("scsi0")).contains("size=20G");
        Path userData = snippet(config);
        assertThat(Files.readString(userData)).startsWith("#cloud-config").contains(KEY);

        // A subscriber saw the same story, in order, with nothing missing or repeated.
        List<VmStatusChanged> provisioning = eventsOf(id, seen -> seen.stream().anyMatch(e -> e.status() == VmStatus.RUNNING));
        assertThat(provisioning).extracting(VmStatusChanged::sequence)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, provisioning.size()).boxed().toList());
        assertThat(provisioning).extracting(VmStatusChanged::status).first().isEqualTo(VmStatus.REQUESTED);
        assertThat(provisioning).filteredOn(e -> e.status() == VmStatus.PROVISIONING).extracting(VmStatusChanged::step)
                .containsExactly(ProvisioningStep.CLONING, ProvisioningStep.CONFIGURING_CLOUD_INIT,
                        ProvisioningStep.RESIZING_DISK, ProvisioningStep.STARTING, ProvisioningStep.WAITING_FOR_NETWORK);
        VmStatusChanged runningEvent = provisioning.getLast();
        assertThat(runningEvent.status()).isEqualTo(VmStatus.RUNNING);
        assertThat(runningEvent.ipAddresses()).containsExactly(running.get("ipAddresses").get(0).asString());
        assertThat(runningEvent.node()).isEqualTo("pve4");
        assertThat(runningEvent.proxmoxVmid()).isEqualTo(vmid);

        HttpResponse<String> deletion = delete(id);
        assertThat(deletion.statusCode()).isEqualTo(202);
        assertThat(JSON.readTree(deletion.body()).get("status").asString()).isEqualTo("RUNNING");

        JsonNode deleted = awaitStatus(id, "DELETED", UNTIL_DELETED);
        assertThat(deleted.get("ipAddresses").values()).isEmpty();
        assertThat(proxmox().vmids()).as("the VM is gone from the node").doesNotContain(vmid);
        assertThat(userData).as("its user-data snippet too").doesNotExist();
        List<VmStatusChanged> all = eventsOf(id, seen -> seen.stream().anyMatch(e -> e.status() == VmStatus.DELETED));
        assertThat(all.subList(provisioning.size(), all.size())).extracting(VmStatusChanged::status, VmStatusChanged::sequence)
                .containsExactly(tuple(VmStatus.DELETING, provisioning.size() + 1L),
                        tuple(VmStatus.DELETED, provisioning.size() + 2L));
    }

    @Test
    void aRequestedVmIsAnnouncedOnceAsACloudEventAndTheSamePostAgainMakesNoSecondVm() throws Exception {
        String key = UUID.randomUUID().toString();
        String owner = "student-" + key.substring(0, 8);

        HttpResponse<String> accepted = post(key, request(owner));
        assertThat(accepted.statusCode()).isEqualTo(202);
        String id = JSON.readTree(accepted.body()).get("id").asString();

        ConsumerRecord<String, byte[]> record = recordsOf(id, 1).getFirst();
        CloudEvent event = KafkaMessageFactory.createReader(record).toEvent();
        assertThat(event.getType()).isEqualTo(VmStatusChanged.CLOUD_EVENT_TYPE);
        assertThat(event.getSubject()).isEqualTo(id);
        assertThat(event.getSource()).hasToString(VmStatusChanged.CLOUD_EVENT_SOURCE);
        assertThat(event.getTime()).isNotNull();
        assertThat(event.getExtension("sequence")).hasToString("0000000000000000001");
        assertThat(event.getDataContentType()).isEqualTo("application/json");
        VmStatusChanged status = codec.decodeEvent(event.getData().toBytes());
        assertThat(status.status()).isEqualTo(VmStatus.REQUESTED);
        assertThat(status.ownerId()).isEqualTo(owner);

        HttpResponse<String> vm = get("/api/v1/vms/" + id);
        assertThat(vm.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(vm.body()).get("ownerId").asString()).isEqualTo(owner);

        HttpResponse<String> again = post(key, request(owner));
        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(JSON.readTree(again.body()).get("id").asString()).isEqualTo(id);

        awaitStatus(id, "RUNNING", UNTIL_RUNNING);
        List<VmStatusChanged> events = eventsOf(id, seen -> seen.stream().anyMatch(e -> e.status() == VmStatus.RUNNING));
        assertThat(subscriber.readFor(Duration.ofSeconds(2))).as("nothing after RUNNING").noneMatch(r -> id.equals(r.key()));
        assertThat(events).filteredOn(e -> e.status() == VmStatus.REQUESTED).as("one REQUESTED event").hasSize(1);
        assertThat(events).extracting(VmStatusChanged::sequence).doesNotHaveDuplicates();
        assertThat(proxmox().counters().clonesWithMarker("vmservice-id=" + id)).as("one clone").isOne();
        assertThat(JSON.readTree(get("/api/v1/vms?ownerId=" + owner).body()).get("totalItems").asInt()).isOne();
    }

    @Test
    void theTraceOfTheHttpRequestReachesEveryStatusEventOfItsVm() throws Exception {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String key = UUID.randomUUID().toString();
        HttpResponse<String> accepted = send(HttpRequest.newBuilder(URI.create(apiUrl() + "/api/v1/vms"))
                .header("Authorization", "Bearer " + issuer().token(LocalIssuer.REQUEST))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .POST(HttpRequest.BodyPublishers.ofString(request("student-" + key.substring(0, 8)))));
        assertThat(accepted.statusCode()).isEqualTo(202);
        String id = JSON.readTree(accepted.body()).get("id").asString();

        eventsOf(id, seen -> seen.stream().anyMatch(e -> e.status() == VmStatus.RUNNING));

        assertThat(recordsOf(id, 1)).as("REQUESTED … RUNNING").hasSizeGreaterThanOrEqualTo(6).allSatisfy(record ->
                assertThat(record.headers().lastHeader("traceparent")).isNotNull()
                        .extracting(header -> new String(header.value(), StandardCharsets.US_ASCII)).asString()
                        .matches("00-" + traceId + "-[0-9a-f]{16}-01"));
    }

    @Test
    void aVmDeletedWhileItWaitsForItsNetworkEndsDeletedWithNothingLeftOnTheNode() throws Exception {
        String key = UUID.randomUUID().toString();
        String id = JSON.readTree(post(key, request("student-" + key.substring(0, 8))).body()).get("id").asString();
        // The guest agent never comes up: the VM sits cloned, configured and started, waiting for its address
        // for vmservice.network-wait (5 min), far longer than the deletion may take.
        proxmox().faults().errorRate(Operation.AGENT_NETWORK, 1.0, 500, "QEMU guest agent is not running");
        try {
            JsonNode waiting = awaitStep(id, "WAITING_FOR_NETWORK", UNTIL_RUNNING);
            int vmid = waiting.get("proxmoxVmid").asInt();
            Path userData = snippet(proxmox().vmConfig(vmid).orElseThrow());

            HttpResponse<String> deletion = delete(id);

            assertThat(deletion.statusCode()).isEqualTo(202);
            assertThat(deletion.headers().firstValue("Location")).hasValue("/api/v1/vms/" + id);
            awaitStatus(id, "DELETED", UNTIL_DELETED);
            assertThat(proxmox().vmids()).as("the started VM is gone from the node").doesNotContain(vmid);
            assertThat(userData).as("its user-data snippet too").doesNotExist();
        } finally {
            proxmox().faults().clear();
        }
        List<VmStatusChanged> events = eventsOf(id, seen -> seen.stream().anyMatch(e -> e.status() == VmStatus.DELETED));
        assertThat(events).extracting(VmStatusChanged::sequence)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, events.size()).boxed().toList());
        assertThat(events).extracting(VmStatusChanged::status).doesNotContain(VmStatus.RUNNING, VmStatus.FAILED)
                .endsWith(VmStatus.DELETING, VmStatus.DELETED);
        assertThat(events.get(events.size() - 2).previousStatus()).isEqualTo(VmStatus.PROVISIONING);
        assertThat(events.get(events.size() - 2).step()).as("a DELETING VM has no provisioning step").isNull();
    }

    @Test
    void theApiLetsInOnlyTokensOfItsIssuerWithTheScopeACallNeeds() throws Exception {
        String key = UUID.randomUUID().toString();
        String owner = "student-" + key.substring(0, 8);

        HttpResponse<String> anonymous = send(HttpRequest.newBuilder(URI.create(apiUrl() + "/api/v1/vms"))
                .header("Content-Type", "application/json").header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(request(owner))));
        HttpResponse<String> readOnly = post(key, request(owner), issuer().token(LocalIssuer.READ));
        HttpResponse<String> foreign;
        try (LocalIssuer stranger = LocalIssuer.start()) {
            foreign = post(key, request(owner), stranger.token(LocalIssuer.REQUEST));
        }

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(foreign.statusCode()).as("another issuer's token, same caller and scope").isEqualTo(401);
        assertThat(foreign.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).contains("error=\"invalid_token\""));
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).startsWith("Bearer ").contains("scope=\"vm:request\""));
        assertThat(readOnly.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(readOnly.body()).get("type").asString()).isEqualTo("https://edukit.io/problems/vmservice/forbidden");
        assertThat(JSON.readTree(get("/api/v1/vms?ownerId=" + owner).body()).get("totalItems").asInt())
                .as("a refused request makes no VM").isZero();
        assertThat(http.send(HttpRequest.newBuilder(URI.create(apiUrl() + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).as("health needs no token").isEqualTo(200);
    }

    /**
     * Ubuntu 24.04 slots in with no code change: OPS make its template (VMID 9998) on the node and add
     * the image through the admin API; the worker checks the template, the catalog has the image, and
     * a VM of it runs, cloned from 9998.
     */
    @Test
    void anImageAddedThroughTheAdminApiIsCheckedAndAVmOfItRuns() throws Exception {
        proxmox().installTemplate(TemplateSpec.of(9998, "ubuntu-24.04-cloud", "pve4"));

        HttpResponse<String> added = admin("POST", "/api/v1/admin/os-images", anImage("ubuntu-24.04", 9998));

        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        assertThat(added.headers().firstValue("Location")).hasValue("/api/v1/os-images/ubuntu-24.04");
        JsonNode check = JSON.readTree(added.body());
        assertThat(check.get("verdict").asString()).isEqualTo("PASSED");
        assertThat(check.get("requestedBy").asString()).isEqualTo(LocalIssuer.CALLER);
        assertThat(check.get("results").get(0).get("templateVmid").asInt()).isEqualTo(9998);
        assertThat(JSON.readTree(get("/api/v1/os-images").body()).values()).extracting(image -> image.get("name").asString())
                .contains("debian-12", "ubuntu-24.04");

        String key = UUID.randomUUID().toString();
        HttpResponse<String> accepted = post(key, request("student-" + key.substring(0, 8)).replace("debian-12", "ubuntu-24.04"));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String id = JSON.readTree(accepted.body()).get("id").asString();

        JsonNode running = awaitStatus(id, "RUNNING", UNTIL_RUNNING);
        assertThat(running.get("osImage").asString()).isEqualTo("ubuntu-24.04");
        assertThat(templateClonedFor(id)).as("cloned from the new template").isEqualTo(9998);
    }

    @Test
    void anImageWhoseTemplateLostItsCloudInitDriveIsRefusedWithTheReason() throws Exception {
        proxmox().installTemplate(TemplateSpec.of(9997, "rocky-9-cloud", "pve4").withoutCloudInitDrive());

        HttpResponse<String> refused = admin("POST", "/api/v1/admin/os-images", anImage("rocky-9", 9997));

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        JsonNode problem = JSON.readTree(refused.body());
        assertThat(problem.get("type").asString()).isEqualTo("https://edukit.io/problems/vmservice/template-check-failed");
        assertThat(problem.get("results").get(0).get("problems").values()).extracting(JsonNode::asString)
                .containsExactly("there is no cloud-init drive on ide2: run 'qm set 9997 --ide2 <storage>:cloudinit'");
        assertThat(get("/api/v1/os-images/rocky-9").statusCode()).as("not in the catalog").isEqualTo(404);
    }

    /**
     * Polls the VM until it has the status, for at most {@code timeout}. A FAILED VM, when that was
     * not the aim, ends the wait at once with the VM as the API shows it: its step and reason.
     */
    JsonNode awaitStatus(String id, String status, Duration timeout) throws Exception {
        return await(id, status, vm -> status.equals(vm.get("status").asString()), timeout);
    }

    /** Polls the VM until it is PROVISIONING at the step, as {@link #awaitStatus} does. */
    JsonNode awaitStep(String id, String step, Duration timeout) throws Exception {
        return await(id, "PROVISIONING at " + step, vm -> vm.has("step") && step.equals(vm.get("step").asString())
                && "PROVISIONING".equals(vm.get("status").asString()), timeout);
    }

    private JsonNode await(String id, String what, Predicate<JsonNode> reached, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        JsonNode vm = null;
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> response = get("/api/v1/vms/" + id);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            vm = JSON.readTree(response.body());
            if (reached.test(vm)) {
                return vm;
            }
            if ("FAILED".equals(vm.get("status").asString())) {
                return fail("VM " + id + " FAILED while waiting for " + what + ": " + vm);
            }
            Thread.sleep(200);
        }
        return fail("VM " + id + " not " + what + " within " + timeout + "; last seen: " + vm);
    }

    private Path snippet(Map<String, String> config) {
        String cicustom = config.get("cicustom");
        assertThat(cicustom).as("cicustom").startsWith("user=local:snippets/");
        return proxmox().snippetsDirectory().resolve(cicustom.substring("user=local:snippets/".length()).split(",")[0]);
    }

    /** This VM's status events read so far, once {@code done} holds for them (or fails after a minute). */
    private List<VmStatusChanged> eventsOf(String vmId, Predicate<List<VmStatusChanged>> done) {
        if (!done.test(decoded(vmId, received))) {
            received.addAll(subscriber.readUntil(read -> {
                List<ConsumerRecord<String, byte[]>> all = new ArrayList<>(received);
                all.addAll(read);
                return done.test(decoded(vmId, all));
            }, Duration.ofSeconds(60)));
        }
        return decoded(vmId, received);
    }

    private List<ConsumerRecord<String, byte[]>> recordsOf(String vmId, int count) {
        eventsOf(vmId, seen -> seen.size() >= count);
        return received.stream().filter(r -> vmId.equals(r.key())).toList();
    }

    private List<VmStatusChanged> decoded(String vmId, List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().filter(r -> vmId.equals(r.key())).map(r -> codec.decodeEvent(r.value())).toList();
    }

    static String request(String owner) {
        return """
                {"osImage":"debian-12","hostname":"ws-1","cores":2,"memoryMb":2048,"diskGb":20,
                 "sshPublicKeys":["%s"],"ownerId":"%s","courseId":"net-101"}""".formatted(KEY, owner);
    }

    /** An image on {@code vmid} of pve4, as OPS add it. */
    static String anImage(String name, int vmid) {
        return """
                {"name":"%s","proxmoxTemplateId":"%d","node":"pve4","storage":"local-lvm","architecture":"x86_64",
                 "minDiskSizeGb":4,"minRamMb":512,"description":"cloud image with cloud-init and the QEMU guest agent"}"""
                .formatted(name, vmid);
    }

    /** Calls an OPS endpoint as a caller with scope vm:admin. */
    HttpResponse<String> admin(String method, String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(apiUrl() + path))
                .header("Authorization", "Bearer " + issuer().token(LocalIssuer.ADMIN))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)));
    }

    /** The template the worker cloned the VM from, as its job records it. */
    private int templateClonedFor(String vmId) throws Exception {
        Connections db = connections();
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.dbUser(), db.dbPassword());
             PreparedStatement query = connection.prepareStatement("select template_vmid from vm_job where vm_id = ?::uuid")) {
            query.setString(1, vmId);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                return row.getInt(1);
            }
        }
    }

    /** Asks for a VM as a caller with scope vm:request. */
    HttpResponse<String> post(String idempotencyKey, String body) throws Exception {
        return post(idempotencyKey, body, issuer().token(LocalIssuer.REQUEST));
    }

    HttpResponse<String> post(String idempotencyKey, String body, String token) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(apiUrl() + "/api/v1/vms"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Reads as a caller with scope vm:read. */
    HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(apiUrl() + path))
                .header("Authorization", "Bearer " + issuer().token(LocalIssuer.READ)).GET());
    }

    /** Asks for a deletion as a caller with scope vm:request. */
    HttpResponse<String> delete(String id) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(apiUrl() + "/api/v1/vms/" + id))
                .header("Authorization", "Bearer " + issuer().token(LocalIssuer.REQUEST)).DELETE());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
