package io.edukit.vmservice.worker.proxmox;

import io.edukit.vmservice.worker.provisioning.FailureClass;

import java.util.Map;
import java.util.TreeMap;

/**
 * A Proxmox call that failed, classified. The message says what was called, what PVE answered
 * (its reason phrase, and for a 400 the parameter errors) and, where there is one, what to do.
 * It never carries the API token.
 */
public class ProxmoxException extends RuntimeException {

    private final FailureClass failureClass;
    private final int status;
    private final String reason;
    private final Map<String, String> parameterErrors;
    private final boolean aboutTheVm;

    ProxmoxException(String operation, FailureClass failureClass, int status, String reason,
                     Map<String, String> parameterErrors, String hint, Throwable cause) {
        this(operation, failureClass, status, reason, parameterErrors, hint, cause, false);
    }

    ProxmoxException(String operation, FailureClass failureClass, int status, String reason,
                     Map<String, String> parameterErrors, String hint, Throwable cause, boolean aboutTheVm) {
        super(message(operation, status, reason, parameterErrors, hint), cause);
        this.failureClass = failureClass;
        this.status = status;
        this.reason = reason;
        this.parameterErrors = new TreeMap<>(parameterErrors);
        this.aboutTheVm = aboutTheVm;
    }

    /** Whether the failure is one VM's state (locked by a task, its guest not up), not the node's health. */
    public boolean aboutTheVm() {
        return aboutTheVm;
    }

    public FailureClass failureClass() {
        return failureClass;
    }

    /** The HTTP status, or 0 when no answer came (connection refused, timeout, TLS). */
    public int status() {
        return status;
    }

    /** PVE's own words: the HTTP reason phrase, or the transport's failure. */
    public String reason() {
        return reason;
    }

    public Map<String, String> parameterErrors() {
        return parameterErrors;
    }

    private static String message(String operation, int status, String reason, Map<String, String> errors, String hint) {
        StringBuilder message = new StringBuilder("Proxmox ").append(operation).append(" failed: ");
        if (status > 0) {
            message.append(status).append(' ');
        }
        message.append(reason);
        if (!errors.isEmpty()) {
            message.append(' ').append(new TreeMap<>(errors));
        }
        if (!hint.isEmpty()) {
            message.append(" — ").append(hint);
        }
        return message.toString();
    }
}
