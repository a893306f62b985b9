package io.edukit.vmservice.api.ops;

import io.edukit.vmservice.api.commands.CommandNotAcceptedException;
import io.edukit.vmservice.api.commands.CommandPublisher;
import io.edukit.vmservice.api.problems.ProblemException;
import io.edukit.vmservice.api.problems.ProblemType;
import io.edukit.vmservice.api.vms.CallerId;
import io.edukit.vmservice.schemas.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The dead-lettered commands: read from {@link Topics#COMMANDS_DLT}, published again to
 * {@link Topics#COMMANDS} unchanged (same key, same bytes), or discarded. Each record is acted
 * upon once: the action is recorded in the same transaction that waits for Kafka's
 * acknowledgement, so a republish Kafka did not confirm leaves no record, and two republishes of
 * one record cannot both be recorded.
 */
@Service
class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final DeadLetterTopic topic;
    private final DeadLetterActions actions;
    private final CommandPublisher publisher;
    private final TransactionTemplate transactions;

    DeadLetters(DeadLetterTopic topic, DeadLetterActions actions, CommandPublisher publisher, TransactionTemplate transactions) {
        this.topic = topic;
        this.actions = actions;
        this.publisher = publisher;
        this.transactions = transactions;
    }

    DeadLetterPage list(int page, int size) {
        DeadLetterTopic.Read read = topic.newest();
        List<ConsumerRecord<String, byte[]>> all = read.records();
        int from = (int) Math.min((long) page * size, all.size());
        List<ConsumerRecord<String, byte[]>> shown = all.subList(from, Math.min(from + size, all.size()));
        Map<DeadLetterPlace, DeadLetterAction> done = actions.find(DeadLetterTopic.TOPIC, shown.stream().map(DeadLetters::place).toList());
        List<DeadLetter> items = shown.stream().map(r -> view(r, false, done.get(place(r)))).toList();
        return DeadLetterPage.of(items, page, size, all.size(), DeadLetterTopic.LIMIT, read.capped());
    }

    DeadLetter one(int partition, long offset) {
        ConsumerRecord<String, byte[]> record = find(partition, offset);
        return view(record, true, actions.find(DeadLetterTopic.TOPIC, place(record)).orElse(null));
    }

    /** Publishes one record again; 404 when there is none, 409 when it was acted upon, 503 when Kafka did not confirm. */
    RepublishAnswer republish(CallerId caller, int partition, long offset) {
        ConsumerRecord<String, byte[]> record = find(partition, offset);
        if (!republish(caller, record)) {
            throw handled(place(record));
        }
        return new RepublishAnswer(1, List.of(place(record)));
    }

    /** Publishes again every record read (the newest {@link DeadLetterTopic#LIMIT}) not acted upon yet, oldest first. */
    RepublishAnswer republishAll(CallerId caller) {
        List<ConsumerRecord<String, byte[]>> read = new ArrayList<>(topic.newest().records());
        read.sort(Comparator.<ConsumerRecord<String, byte[]>>comparingLong(ConsumerRecord::timestamp)
                .thenComparing(ConsumerRecord::partition).thenComparingLong(ConsumerRecord::offset));
        Map<DeadLetterPlace, DeadLetterAction> done = actions.find(DeadLetterTopic.TOPIC, read.stream().map(DeadLetters::place).toList());
        List<DeadLetterPlace> published = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : read) {
            if (done.containsKey(place(record))) {
                continue;
            }
            try {
                if (republish(caller, record)) {
                    published.add(place(record));
                }
            } catch (ProblemException e) {
                log.warn("Republishing dead letters by {} stopped after {}: {}", caller.value(), published.size(), e.getMessage());
                throw new ProblemException(ProblemType.REPLAY_INTERRUPTED, "The message broker did not confirm dead letter "
                        + place(record) + "; " + published.size() + " were republished before it (see published and records). "
                        + "Republishing all again is safe: those republished are skipped.")
                        .with("published", published.size())
                        .with("records", List.copyOf(published));
            }
        }
        log.info("Republish of dead letters by {}: {} published", caller.value(), published.size());
        return new RepublishAnswer(published.size(), published);
    }

    /** Records the discard; 404 when there is no such record, 409 when it was acted upon. */
    DeadLetter discard(CallerId caller, int partition, long offset, @Nullable String reason) {
        ConsumerRecord<String, byte[]> record = find(partition, offset);
        if (!actions.record(DeadLetterTopic.TOPIC, place(record), DeadLetterAction.DISCARDED, caller.value(), reason)) {
            throw handled(place(record));
        }
        log.info("Dead letter {} discarded by {}: {}", place(record), caller.value(), reason);
        return view(record, true, actions.find(DeadLetterTopic.TOPIC, place(record)).orElse(null));
    }

    /** False when the record was acted upon already; nothing is published then. */
    private boolean republish(CallerId caller, ConsumerRecord<String, byte[]> record) {
        Boolean done = transactions.execute(status -> {
            if (!actions.record(DeadLetterTopic.TOPIC, place(record), DeadLetterAction.REPUBLISHED, caller.value(), null)) {
                return false;
            }
            try {
                publisher.publish(record.key(), record.value() == null ? new byte[0] : record.value());
            } catch (CommandNotAcceptedException e) {
                throw new ProblemException(ProblemType.COMMAND_NOT_ACCEPTED, "The message broker did not confirm the "
                        + "republished command (" + e.getMessage() + "); nothing was recorded, republish it again.");
            }
            return true;
        });
        if (Boolean.TRUE.equals(done)) {
            log.info("Dead letter {} (key {}) republished by {}", place(record), record.key(), caller.value());
            return true;
        }
        return false;
    }

    private ConsumerRecord<String, byte[]> find(int partition, long offset) {
        return topic.one(partition, offset).orElseThrow(() -> new ProblemException(ProblemType.DEAD_LETTER_NOT_FOUND,
                DeadLetterTopic.TOPIC + " holds no record at partition " + partition + ", offset " + offset + "."));
    }

    private ProblemException handled(DeadLetterPlace place) {
        DeadLetterAction action = actions.find(DeadLetterTopic.TOPIC, place).orElseThrow();
        return new ProblemException(ProblemType.DEAD_LETTER_HANDLED, "The record at partition " + place.partition()
                + ", offset " + place.offset() + " was " + action.action() + " by " + action.actor() + " at "
                + action.actedAt() + ".").with("action", action);
    }

    private static DeadLetterPlace place(ConsumerRecord<String, byte[]> record) {
        return new DeadLetterPlace(record.partition(), record.offset());
    }

    private static DeadLetter view(ConsumerRecord<String, byte[]> record, boolean full, @Nullable DeadLetterAction action) {
        byte[] value = record.value() == null ? new byte[0] : record.value();
        DeadLetterText text = full ? DeadLetterText.of(value) : DeadLetterText.truncated(value);
        Header reason = record.headers().lastHeader(Topics.DLT_REASON_HEADER);
        return new DeadLetter(record.partition(), record.offset(), record.key(), Instant.ofEpochMilli(record.timestamp()),
                reason == null || reason.value() == null ? null : new String(reason.value(), StandardCharsets.UTF_8),
                text.text(), value.length, text.escaped(), text.truncated(),
                full ? Base64.getEncoder().encodeToString(value) : null, action);
    }
}
