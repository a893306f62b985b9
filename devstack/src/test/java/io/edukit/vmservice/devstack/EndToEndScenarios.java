package io.edukit.vmservice.devstack;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.edukit.vmservice.schemas.MessageCodec;
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
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first real path end to end, as a caller and a subscriber see it: HTTP in, a command
 * through Kafka, the job in PostgreSQL, the status event out through the outbox. Each subclass
 * runs it on another kind of infrastructure.
 */
abstract class EndToEndScenarios {

    static final String KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKeDl/ezd7h4zxP2a4Ms4QFlxmRwD8OdeQaOCyEaCoX/ student@edukit";
    static final JsonMapper JSON = JsonMapper.builder().build();

    final HttpClient http = HttpClient.newHttpClient();
    final MessageCodec codec = new MessageCodec();
    KafkaProbe subscriber;

    abstract String apiUrl();

    abstract Connections connections();

    @BeforeEach
    void subscribe() {
        subscriber = new KafkaProbe(connections().kafkaBootstrapServers(), Topics.VM_EVENTS);
    }

    @AfterEach
    void unsubscribe() {
        subscriber.close();
    }

    @Test
    void aRequestedVmIsAnnouncedOnceAsACloudEventAndReadableOverHttp() throws Exception {
        String key = UUID.randomUUID().toString();
        String owner = "student-" + key.substring(0, 8);

        HttpResponse<String> accepted = post(key, request(owner));
        assertThat(accepted.statusCode()).isEqualTo(202);
        String id = JSON.readTree(accepted.body()).get("id").asString();

        ConsumerRecord<String, byte[]> record = eventsOf(id, 1).getFirst();
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

        JsonNode vm = JSON.readTree(get("/api/v1/vms/" + id).body());
        assertThat(vm.get("status").asString()).isEqualTo("REQUESTED");
        assertThat(vm.get("ownerId").asString()).isEqualTo(owner);

        HttpResponse<String> again = post(key, request(owner));
        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(JSON.readTree(again.body()).get("id").asString()).isEqualTo(id);
        assertThat(subscriber.readFor(Duration.ofSeconds(3))).as("no second event for a repeated request")
                .noneMatch(r -> id.equals(r.key()));
        assertThat(JSON.readTree(get("/api/v1/vms?ownerId=" + owner).body()).get("totalItems").asInt()).isOne();
    }

    @Test
    void aDeletedVmIsAnnouncedAsDeletingWithTheNextSequence() throws Exception {
        String key = UUID.randomUUID().toString();
        String id = JSON.readTree(post(key, request("student-" + key.substring(0, 8))).body()).get("id").asString();
        eventsOf(id, 1);

        HttpResponse<String> deletion = send(HttpRequest.newBuilder(URI.create(apiUrl() + "/api/v1/vms/" + id)).DELETE());

        assertThat(deletion.statusCode()).isEqualTo(202);
        VmStatusChanged deleting = codec.decodeEvent(eventsOf(id, 1).getFirst().value());
        assertThat(deleting.status()).isEqualTo(VmStatus.DELETING);
        assertThat(deleting.previousStatus()).isEqualTo(VmStatus.REQUESTED);
        assertThat(deleting.sequence()).isEqualTo(2);
        assertThat(JSON.readTree(get("/api/v1/vms/" + id).body()).get("status").asString()).isEqualTo("DELETING");
    }

    private List<ConsumerRecord<String, byte[]>> eventsOf(String vmId, int count) {
        return subscriber.readUntil(read -> read.stream().filter(r -> vmId.equals(r.key())).count() >= count,
                        Duration.ofSeconds(60))
                .stream().filter(r -> vmId.equals(r.key())).toList();
    }

    private static String request(String owner) {
        return """
                {"osImage":"debian-12","hostname":"ws-1","cores":2,"memoryMb":2048,"diskGb":20,
                 "sshPublicKeys":["%s"],"ownerId":"%s","courseId":"net-101"}""".formatted(KEY, owner);
    }

    private HttpResponse<String> post(String idempotencyKey, String body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(apiUrl() + "/api/v1/vms"))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(apiUrl() + path)).GET());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
