package io.edukit.vmservice.api.commands;

import io.edukit.vmservice.schemas.MessageCodec;
import io.edukit.vmservice.schemas.Topics;
import io.edukit.vmservice.schemas.VmCommand;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
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

    /** How long Kafka took to acknowledge a command, by command and outcome: what a caller's 202 or 503 waited on. */
    static final String PUBLISH_TIMER = "vmservice.commands.publish";
    private static final String REPUBLISHED = "republished";

    private final KafkaTemplate<String, byte[]> kafka;
    private final MessageCodec codec;
    private final CommandProperties properties;
    private final MeterRegistry meters;

    CommandPublisher(KafkaTemplate<String, byte[]> kafka, MessageCodec codec, CommandProperties properties, MeterRegistry meters) {
        this.kafka = kafka;
        this.codec = codec;
        this.properties = properties;
        this.meters = meters;
    }

    public void publish(VmCommand command) {
        publish(command.vmId().toString(), codec.encode(command), command.getClass().getSimpleName());
    }

    /**
     * Publishes an already encoded command as it is, under the key given (null for none): for
     * putting a dead-lettered command back on the command topic unchanged.
     */
    public void publish(@Nullable String key, byte[] value) {
        publish(key, value, REPUBLISHED);
    }

    private void publish(@Nullable String key, byte[] value, String command) {
        Timer.Sample sample = Timer.start(meters);
        String outcome = "refused";
        try {
            kafka.send(Topics.COMMANDS, key, value)
                    .get(properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
            outcome = "acknowledged";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandNotAcceptedException("interrupted while waiting for Kafka", e);
        } catch (TimeoutException e) {
            outcome = "timeout";
            throw new CommandNotAcceptedException("Kafka did not acknowledge the command within " + properties.sendTimeout(), e);
        } catch (ExecutionException | RuntimeException e) {
            if (timedOut(e)) {
                outcome = "timeout"; // no broker answered within max.block.ms or delivery.timeout.ms
                throw new CommandNotAcceptedException("no Kafka broker answered in time", e);
            }
            throw new CommandNotAcceptedException("Kafka refused the command", e);
        } finally {
            sample.stop(Timer.builder(PUBLISH_TIMER).tag("command", command).tag("outcome", outcome).register(meters));
        }
    }

    private static boolean timedOut(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
                return true;
            }
        }
        return false;
    }
}
