package io.edukit.vmservice.api.commands;

/** Kafka did not store a command in time; the caller may retry with the same idempotency key. */
public class CommandNotAcceptedException extends RuntimeException {

    public CommandNotAcceptedException(String message, Throwable cause) {
        super(message, cause);
    }
}
