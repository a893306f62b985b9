package io.edukit.vmservice.api.ops;

import io.edukit.vmservice.api.support.ApiTest;
import io.edukit.vmservice.api.support.HttpCaller;
import io.edukit.vmservice.api.support.HttpCaller.Response;
import io.edukit.vmservice.api.support.TestIssuer;
import io.edukit.vmservice.schemas.Topics;
import io.edukit.vmservice.testsupport.KafkaProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.edukit.vmservice.api.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Dead-lettered commands over HTTP: put on the DLT topic directly, listed, republished, discarded. */
@ApiTest
class DeadLettersOverHttpTest {

    @LocalServerPort
    int port;
    @Autowired
    EmbeddedKafkaBroker broker;
    @Autowired
    JdbcClient jdbc;

    HttpCaller ops;
    Producer<String, byte[]> producer;
    KafkaProbe commands;

    @BeforeEach
    void connect() {
        ops = HttpCaller.admin(port);
        producer = new KafkaProducer<>(KafkaTestUtils.producerProps(broker.getBrokersAsString()), new StringSerializer(),
                new ByteArraySerializer());
        commands = new KafkaProbe(broker.getBrokersAsString(), Topics.COMMANDS);
    }

    @AfterEach
    void disconnect() {
        producer.close();
        commands.close();
    }

    /** A dead letter as the worker writes one: its key, its bytes, the reason header. */
    record Letter(String key, byte[] value, int partition, long offset) {
        String path() {
            return "/api/v1/admin/dead-letters/" + partition + "/" + offset;
        }
    }

    @Test
    void theListShowsEachWithItsReasonItsValueAsTextAndNoActionYet() throws Exception {
        Letter json = deadLetter("{\"type\":\"VmCreationRequested\",\"vmId\":\"broken\"}", "unknown field: colour");
        Letter binary = deadLetter(new byte[]{'a', (byte) 0xFF, 'b'}, "not JSON: unexpected byte 0xFF");

        Response response = ops.get("/api/v1/admin/dead-letters?size=200");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode page = response.json();
        assertThat(page.get("limit").asInt()).isEqualTo(DeadLetterTopic.LIMIT);
        Map<String, JsonNode> byKey = page.get("items").values().stream().filter(item -> item.has("key"))
                .collect(Collectors.toMap(item -> item.get("key").asString(), item -> item, (a, b) -> a));
        JsonNode first = byKey.get(json.key());
        assertThat(first).as(response.body()).isNotNull();
        assertThat(first.get("reason").asString()).isEqualTo("unknown field: colour");
        assertThat(first.get("value").asString()).isEqualTo("{\"type\":\"VmCreationRequested\",\"vmId\":\"broken\"}");
        assertThat(first.get("partition").asInt()).isEqualTo(json.partition());
        assertThat(first.get("offset").asLong()).isEqualTo(json.offset());
        assertThat(first.get("timestamp").asString()).isNotBlank();
        assertThat(first.get("valueEscaped").asBoolean()).isFalse();
        assertThat(first.has("action")).isFalse();
        JsonNode second = byKey.get(binary.key());
        assertThat(second.get("reason").asString()).isEqualTo("not JSON: unexpected byte 0xFF");
        assertThat(second.get("value").asString()).isEqualTo("a\\xFFb");
        assertThat(second.get("valueEscaped").asBoolean()).isTrue();
    }

    @Test
    void aLongValueIsTruncatedInTheListAndWholeInTheRecord() throws Exception {
        String big = "x".repeat(10_000);
        Letter letter = deadLetter(big, "too big");

        JsonNode listed = ops.get("/api/v1/admin/dead-letters?size=200").json().get("items").values().stream()
                .filter(item -> item.has("key") && item.get("key").asString().equals(letter.key())).findFirst().orElseThrow();
        Response one = ops.get(letter.path());

        assertThat(listed.get("value").asString()).hasSize(4096);
        assertThat(listed.get("valueTruncated").asBoolean()).isTrue();
        assertThat(listed.get("valueBytes").asInt()).isEqualTo(10_000);
        assertThat(one.status()).as(one.body()).isEqualTo(200);
        assertThat(one.json().get("value").asString()).isEqualTo(big);
        assertThat(one.json().get("valueTruncated").asBoolean()).isFalse();
        assertThat(one.json().get("reason").asString()).isEqualTo("too big");
        assertThat(Base64.getDecoder().decode(one.json().get("valueBase64").asString())).isEqualTo(big.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aRecordThatIsNotThereIs404() {
        assertProblem(ops.get("/api/v1/admin/dead-letters/0/999999999"), 404, "dead-letter-not-found");
        assertProblem(ops.get("/api/v1/admin/dead-letters/99/0"), 404, "dead-letter-not-found");
        assertProblem(ops.send("POST", "/api/v1/admin/dead-letters/0/999999999/republish", null), 404, "dead-letter-not-found");
    }

    @Test
    void republishingPutsTheSameBytesUnderTheSameKeyOnTheCommandTopicAndRecordsWhoDidIt() throws Exception {
        byte[] value = "{\"type\":\"VmDeletionRequested\",\"vmId\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        Letter letter = deadLetter(value, "VM x is locked");

        Response response = ops.send("POST", letter.path() + "/republish", null);

        assertThat(response.status()).as(response.body()).isEqualTo(202);
        assertThat(response.json().get("published").asInt()).isOne();
        List<ConsumerRecord<String, byte[]>> published = commands.readUntil(read -> !keyed(read, letter.key()).isEmpty(),
                Duration.ofSeconds(20));
        assertThat(keyed(published, letter.key())).singleElement().satisfies(record -> assertThat(record.value()).isEqualTo(value));
        assertThat(jdbc.sql("""
                        select action || ' ' || actor from dead_letter_action where topic = ? and partition = ? and "offset" = ?""")
                .params(Topics.COMMANDS_DLT, letter.partition(), letter.offset()).query(String.class).single())
                .isEqualTo("REPUBLISHED " + TestIssuer.OPERATOR);
        JsonNode action = ops.get(letter.path()).json().get("action");
        assertThat(action.get("action").asString()).isEqualTo("REPUBLISHED");
        assertThat(action.get("actor").asString()).isEqualTo(TestIssuer.OPERATOR);

        Response again = ops.send("POST", letter.path() + "/republish", null);

        assertProblem(again, 409, "dead-letter-handled");
        assertThat(keyed(commands.readToEnd(Duration.ofSeconds(30)), letter.key())).as("published once").isEmpty();
    }

    @Test
    void discardingRecordsTheReasonAndThenNeitherRepublishNorDiscardIsAllowed() throws Exception {
        Letter letter = deadLetter("{}", "no type");

        Response response = ops.send("POST", letter.path() + "/discard", "{\"reason\": \"a test command, never valid\"}");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("action").get("action").asString()).isEqualTo("DISCARDED");
        assertThat(response.json().get("action").get("reason").asString()).isEqualTo("a test command, never valid");
        assertThat(response.json().get("action").get("actor").asString()).isEqualTo(TestIssuer.OPERATOR);
        assertThat(jdbc.sql("select reason from dead_letter_action where topic = ? and partition = ? and \"offset\" = ?")
                .params(Topics.COMMANDS_DLT, letter.partition(), letter.offset()).query(String.class).single())
                .isEqualTo("a test command, never valid");
        assertProblem(ops.send("POST", letter.path() + "/discard", null), 409, "dead-letter-handled");
        assertProblem(ops.send("POST", letter.path() + "/republish", null), 409, "dead-letter-handled");
        assertThat(keyed(commands.readToEnd(Duration.ofSeconds(30)), letter.key())).isEmpty();
    }

    @Test
    void republishingAllSkipsThoseDiscardedOrRepublishedBefore() throws Exception {
        Letter one = deadLetter("{\"n\":1}", "broker hiccup");
        Letter two = deadLetter("{\"n\":2}", "broker hiccup");
        Letter discarded = deadLetter("{\"n\":3}", "broker hiccup");
        assertThat(ops.send("POST", discarded.path() + "/discard", null).status()).isEqualTo(200);

        Response response = ops.send("POST", "/api/v1/admin/dead-letters/republish", null);

        assertThat(response.status()).as(response.body()).isEqualTo(202);
        assertThat(response.json().get("published").asInt()).isGreaterThanOrEqualTo(2);
        List<ConsumerRecord<String, byte[]>> published = commands.readUntil(
                read -> !keyed(read, one.key()).isEmpty() && !keyed(read, two.key()).isEmpty(), Duration.ofSeconds(20));
        assertThat(keyed(published, one.key())).singleElement().satisfies(r -> assertThat(r.value()).isEqualTo(one.value()));
        assertThat(keyed(published, two.key())).singleElement().satisfies(r -> assertThat(r.value()).isEqualTo(two.value()));
        assertThat(keyed(published, discarded.key())).isEmpty();

        Response again = ops.send("POST", "/api/v1/admin/dead-letters/republish", null);

        assertThat(again.status()).isEqualTo(202);
        assertThat(again.json().get("published").asInt()).isZero();
        assertThat(keyed(commands.readToEnd(Duration.ofSeconds(30)), one.key(), two.key(), discarded.key())).isEmpty();
    }

    @Test
    void aReadOnlyTokenIsRefused() throws Exception {
        Letter letter = deadLetter("{}", "no type");
        HttpCaller reader = HttpCaller.withToken(port, TestIssuer.token().scopes("vm:read").sign());

        assertProblem(reader.get("/api/v1/admin/dead-letters"), 403, "forbidden");
        assertProblem(reader.get(letter.path()), 403, "forbidden");
        assertProblem(reader.send("POST", letter.path() + "/republish", null), 403, "forbidden");
        assertProblem(reader.send("POST", letter.path() + "/discard", null), 403, "forbidden");
        assertProblem(reader.send("POST", "/api/v1/admin/dead-letters/republish", null), 403, "forbidden");
        assertThat(jdbc.sql("select count(*) from dead_letter_action where topic = ? and partition = ? and \"offset\" = ?")
                .params(Topics.COMMANDS_DLT, letter.partition(), letter.offset()).query(Long.class).single()).isZero();
    }

    private Letter deadLetter(String value, String reason) throws Exception {
        return deadLetter(value.getBytes(StandardCharsets.UTF_8), reason);
    }

    private Letter deadLetter(byte[] value, String reason) throws Exception {
        String key = UUID.randomUUID().toString();
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.COMMANDS_DLT, key, value);
        record.headers().add(Topics.DLT_REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
        RecordMetadata sent = producer.send(record).get();
        return new Letter(key, value, sent.partition(), sent.offset());
    }

    private static List<ConsumerRecord<String, byte[]>> keyed(List<ConsumerRecord<String, byte[]>> read, String... keys) {
        List<String> wanted = List.of(keys);
        return read.stream().filter(record -> wanted.contains(record.key())).toList();
    }
}
