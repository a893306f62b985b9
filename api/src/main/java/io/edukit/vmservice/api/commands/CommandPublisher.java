package io.edukit.vmservice.api.commands;

import io.edukit.vmservice.schemas.MessageCodec;
import io.edukit.vmservice.schemas.Topics;
import io.edukit.vmservice.schemas.VmCommand;
import org.jspecify.annotations.Nullable;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes a command keyed by its VM id and waits until the broker acknowledged it (acks=all,
 * idempotent producer), or throws {@link CommandNotAcceptedException}: a caller never hears
 * yes for a command that was not stored.
 */
@Component
public class CommandPublisher {

    private final KafkaTemplate<String, byte[]> kafka;
    private final MessageCodec codec;
    private final CommandProperties properties;

    CommandPublisher(KafkaTemplate<String, byte[]> kafka, MessageCodec codec, CommandProperties properties) {
        this.kafka = kafka;
        this.codec = codec;
        this.properties = properties;
    }

    public void publish(VmCommand command) {
        publish(command.vmId().toString(), codec.encode(command));
    }

    /**
     * Publishes an already encoded command as it is, under the key given (null for none): for
     * putting a dead-lettered command back on the command topic unchanged.
     */
    public void publish(@Nullable String key, byte[] value) {
        try {
            kafka.send(Topics.COMMANDS, key, value)
                    .get(properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandNotAcceptedException("interrupted while waiting for Kafka", e);
        } catch (TimeoutException e) {
            throw new CommandNotAcceptedException("Kafka did not acknowledge the command within " + properties.sendTimeout(), e);
        } catch (ExecutionException | RuntimeException e) {
            throw new CommandNotAcceptedException("Kafka refused the command", e);
        }
    }
}
