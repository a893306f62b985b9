package io.edukit.vmservice.worker.commands;

import io.edukit.vmservice.schemas.InvalidMessageException;
import io.edukit.vmservice.schemas.Topics;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

import java.nio.charset.StandardCharsets;
import java.sql.SQLTransientException;

/**
 * What happens to a command that fails: one that cannot be read or applied goes to
 * {@link Topics#COMMANDS_DLT} at once, with the reason in the {@value #REASON_HEADER} header;
 * one that met an unreachable database is retried with backoff until the database is back
 * (the partition waits; nothing is dead-lettered for it); anything unexpected is retried with
 * backoff and dead-lettered when the retries run out, so that the consumer carries on.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CommandRetryProperties.class)
class CommandConsumerConfiguration {

    static final String REASON_HEADER = Topics.DLT_REASON_HEADER;

    @Bean
    DefaultErrorHandler commandErrorHandler(KafkaTemplate<String, byte[]> kafka, CommandRetryProperties retry) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(kafka,
                (record, exception) -> new TopicPartition(Topics.COMMANDS_DLT, -1));
        recoverer.setHeadersFunction((record, exception) -> new RecordHeaders().add(
                new RecordHeader(REASON_HEADER, reason(exception).getBytes(StandardCharsets.UTF_8))));
        ExponentialBackOff limited = backOff(retry);
        limited.setMaxElapsedTime(retry.maxElapsedTime().toMillis());
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, limited);
        handler.addNotRetryableExceptions(InvalidMessageException.class, CommandRejectedException.class);
        ExponentialBackOff untilTheDatabaseIsBack = backOff(retry);
        handler.setBackOffFunction((record, exception) -> databaseAway(exception) ? untilTheDatabaseIsBack : null);
        return handler;
    }

    private static ExponentialBackOff backOff(CommandRetryProperties retry) {
        ExponentialBackOff backOff = new ExponentialBackOff(retry.initialInterval().toMillis(), retry.multiplier());
        backOff.setMaxInterval(retry.maxInterval().toMillis());
        return backOff;
    }

    /** A valid command that met an unreachable database is not dead: it waits, however long that takes. */
    static boolean databaseAway(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof TransientDataAccessException || cause instanceof DataAccessResourceFailureException
                    || cause instanceof RecoverableDataAccessException || cause instanceof SQLTransientException) {
                return true;
            }
        }
        return false;
    }

    private static String reason(Exception exception) {
        Throwable cause = NestedExceptionUtils.getMostSpecificCause(exception);
        String message = cause.getMessage();
        return message == null ? cause.getClass().getSimpleName() : message;
    }
}
