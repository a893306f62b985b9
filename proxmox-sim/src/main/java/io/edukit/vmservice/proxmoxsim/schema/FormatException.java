package io.edukit.vmservice.proxmoxsim.schema;

/**
 * A value that does not fit its format. The message is PVE's own, trailing newline included,
 * because PVE puts it verbatim after {@code "invalid format - "}.
 */
final class FormatException extends Exception {

    FormatException(String message) {
        super(message, null, false, false);
    }
}
