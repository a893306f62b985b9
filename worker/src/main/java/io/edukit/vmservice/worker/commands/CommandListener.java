package io.edukit.vmservice.worker.commands;

import io.edukit.vmservice.schemas.MessageCodec;
import io.edukit.vmservice.schemas.Topics;
import io.edukit.vmservice.schemas.VmCommand;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Reads commands. Offsets are committed after {@link CommandHandler} committed the transactions
 * of every command of a poll (ack mode BATCH), so a crash in between redelivers commands that
 * then change nothing; a command dead-lettered in that poll is dead-lettered again.
 */
@Component
class CommandListener {

    private final MessageCodec codec;
    private final CommandHandler handler;

    CommandListener(MessageCodec codec, CommandHandler handler) {
        this.codec = codec;
        this.handler = handler;
    }

    @KafkaListener(id = "commands", idIsGroup = false, topics = Topics.COMMANDS)
    void onCommand(ConsumerRecord<@Nullable String, byte @Nullable []> record) {
        if (record.value() == null) {
            throw new CommandRejectedException("empty record (tombstone) on " + Topics.COMMANDS);
        }
        VmCommand command = codec.decodeCommand(record.value());
        if (!command.vmId().toString().equals(record.key())) {
            throw new CommandRejectedException("record key '" + record.key() + "' is not the command's vmId "
                    + command.vmId() + ": the command would be ordered with another VM's");
        }
        // The lines logged while the command is applied carry the VM's id, as the steps' lines do.
        try (MDC.MDCCloseable vmId = MDC.putCloseable("vmId", command.vmId().toString())) {
            handler.handle(command);
        }
    }
}
