package io.edukit.vmservice.proxmoxsim.api;

import java.util.Map;
import java.util.TreeMap;

/**
 * An error answer as PVE raises it: a status, a message whose first line becomes the reason phrase,
 * and for parameter errors a map of messages per parameter.
 */
public final class PveException extends RuntimeException {

    private final int status;
    private final Map<String, String> errors;

    private PveException(int status, String message, Map<String, String> errors) {
        super(message, null, false, false);
        this.status = status;
        this.errors = Map.copyOf(new TreeMap<>(errors));
    }

    /** 400 {@code Parameter verification failed.} with messages per parameter ({@code raise_param_exc}). */
    public static PveException parameters(Map<String, String> errors) {
        return new PveException(400, "Parameter verification failed.\n", errors);
    }

    public static PveException parameter(String name, String message) {
        return parameters(Map.of(name, message));
    }

    /** 500 with this message, as a plain {@code die} in an API handler gives. */
    public static PveException error(String message) {
        return status(500, message);
    }

    public static PveException status(int status, String message) {
        return new PveException(status, message.endsWith("\n") ? message : message + "\n", Map.of());
    }

    /** {@code load_config}'s error for a VM that is not on this node. */
    public static PveException noSuchVm(String node, int vmid) {
        return error("Configuration file 'nodes/" + node + "/qemu-server/" + vmid + ".conf' does not exist");
    }

    public int status() {
        return status;
    }

    public Map<String, String> errors() {
        return errors;
    }

    /** The first line of the message: what PVE sends as the HTTP reason phrase. */
    public String reasonPhrase() {
        String message = getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
