package io.edukit.vmservice.worker.observability;

import io.edukit.vmservice.kafkahealth.BrokerAdmin;
import io.edukit.vmservice.schemas.Topics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@value #RECORDS} (tag {@code topic}): records held by {@link Topics#COMMANDS_DLT}, its end
 * offsets less its beginning offsets over every partition — what OPS have to look at, until
 * retention removes them.
 */
@Component
class DeadLetterMetrics implements RefreshedGauges {

    static final String RECORDS = "vmservice.dlt.records";

    private final BrokerAdmin broker;
    private final AtomicLong records = new AtomicLong();

    DeadLetterMetrics(BrokerAdmin broker, MeterRegistry registry) {
        this.broker = broker;
        Gauge.builder(RECORDS, records, AtomicLong::get)
                .description("Commands in the dead-letter topic")
                .tag("topic", Topics.COMMANDS_DLT)
                .register(registry);
    }

    @Override
    public void refresh() {
        try {
            records.set(count(Topics.COMMANDS_DLT));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the size of " + Topics.COMMANDS_DLT + " could not be read: " + e.getMessage(), e);
        }
    }

    private long count(String topic) throws InterruptedException, ExecutionException, TimeoutException {
        TopicDescription description;
        try {
            description = broker.admin().describeTopics(List.of(topic)).allTopicNames()
                    .get(BrokerAdmin.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(topic);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return 0; // not made yet: nothing was dead-lettered
            }
            throw e;
        }
        var partitions = description.partitions().stream()
                .map(partition -> new TopicPartition(topic, partition.partition())).toList();
        Map<TopicPartition, Long> beginning = offsets(partitions, OffsetSpec.earliest());
        Map<TopicPartition, Long> end = offsets(partitions, OffsetSpec.latest());
        return partitions.stream().mapToLong(partition -> end.get(partition) - beginning.get(partition)).sum();
    }

    private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec)
            throws InterruptedException, ExecutionException, TimeoutException {
        ListOffsetsResult result = broker.admin().listOffsets(partitions.stream()
                .collect(Collectors.toMap(Function.identity(), partition -> spec)));
        return result.all().get(BrokerAdmin.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
    }
}
