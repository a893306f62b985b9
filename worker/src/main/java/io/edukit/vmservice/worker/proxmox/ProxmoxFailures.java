package io.edukit.vmservice.worker.proxmox;

import io.edukit.vmservice.worker.provisioning.FailureClass;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import javax.net.ssl.SSLPeerUnverifiedException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static io.edukit.vmservice.worker.provisioning.FailureClass.CONFLICT;
import static io.edukit.vmservice.worker.provisioning.FailureClass.NOT_FOUND;
import static io.edukit.vmservice.worker.provisioning.FailureClass.PERMANENT;
import static io.edukit.vmservice.worker.provisioning.FailureClass.TRANSIENT;

/**
 * Classifies what PVE answered, in one table read top to bottom: the first rule that matches
 * decides. PVE's message (the reason phrase) is more specific than its status code — a lock is
 * a 500, and so is a missing VM — so the message rules come first.
 */
final class ProxmoxFailures {

    /**
     * @param aboutTheVm the answer tells about one VM's state (a lock held by its task, its guest
     *                   not up yet), not about the node: it says nothing of the node's health
     */
    private record Rule(@Nullable Pattern message, int fromStatus, int toStatus, FailureClass failureClass, String hint,
                        boolean aboutTheVm) {

        boolean matches(int status, String reason) {
            boolean statusMatches = status >= fromStatus && status <= toStatus;
            return message == null ? statusMatches : statusMatches && message.matcher(reason).find();
        }
    }

    private static final int ANY_FROM = 0;
    private static final int ANY_TO = 999;

    private static final List<Rule> RULES = List.of(
            aboutTheVm("\\bVM (\\d+ )?is locked\\b"),
            aboutTheVm("can't lock file .* got timeout"),
            aboutTheVm("guest agent is not running|\\bVM \\d+ is not running\\b"),
            byMessage("already exists", CONFLICT, ""),
            // Only a missing VM config is "not found": "storage 'x' does not exist" while cloning or deleting is a
            // broken environment, and a delete must not count it as done.
            byMessageAndStatus("Configuration file 'nodes/[^/']+/qemu-server/\\d+\\.conf' does not exist|\\bVM \\d+ does not exist",
                    500, 599, NOT_FOUND),
            byMessageAndStatus("does not exist", 500, 599, PERMANENT),
            byMessage("Permission check failed|missing privileges", PERMANENT,
                    "the API token lacks a privilege on that path (README lists the minimum privileges)"),
            byMessage("no space left|not enough space|out of space|insufficient (free )?space", PERMANENT,
                    "the target storage is full"),
            byMessage("not implemented", PERMANENT, "this PVE version lacks the call (PVE 8.4 or 9.x expected)"),
            byStatus(401, 401, PERMANENT, "authentication failed: check proxmox.token-id and the token secret"),
            byStatus(403, 403, PERMANENT, "the API token lacks a privilege on that path (README lists the minimum privileges)"),
            byStatus(400, 400, PERMANENT, ""),
            // 595/596/599 are pveproxy's own codes for a node it could not reach or that did not answer.
            byStatus(595, 599, TRANSIENT, ""),
            byStatus(500, 599, TRANSIENT, ""),
            byStatus(ANY_FROM, ANY_TO, PERMANENT, ""));

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ProxmoxFailures() {
    }

    static ProxmoxException fromResponse(String operation, int status, String reasonPhrase, byte[] body) {
        String reason = reasonPhrase.isBlank() ? "HTTP " + status : reasonPhrase.strip();
        Map<String, String> errors = parameterErrors(body);
        // A parameter check names the problem per parameter ("vmid": "VM 100 already exists"), not in the reason.
        String said = errors.isEmpty() ? reason : reason + " " + String.join(" ", errors.values());
        Rule rule = RULES.stream().filter(r -> r.matches(status, said)).findFirst().orElseThrow();
        return new ProxmoxException(operation, rule.failureClass(), status, reason, errors, rule.hint(), null, rule.aboutTheVm());
    }

    /**
     * A task that ended in failure, classified by the same table on its exit status and log: a
     * task that met a lock may pass next time, one that found no space will not.
     */
    static ProxmoxException fromTaskFailure(String operation, Upid task, String reason) {
        Rule rule = RULES.stream().filter(r -> r.message() != null && r.message().matcher(reason).find()).findFirst()
                .orElse(new Rule(null, ANY_FROM, ANY_TO, PERMANENT, "", false));
        return new ProxmoxException(operation, rule.failureClass(), 0, "task " + task + " failed: " + reason, Map.of(),
                rule.hint(), null, rule.aboutTheVm());
    }

    static ProxmoxException fromTransport(String operation, Throwable failure) {
        String what = failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
        if (causedBy(failure, CertificateException.class) || causedBy(failure, CertPathValidatorException.class)
                || causedBy(failure, SSLPeerUnverifiedException.class)) {
            return new ProxmoxException(operation, PERMANENT, 0, "TLS certificate not trusted (" + what + ")", Map.of(),
                    "the Proxmox certificate is not trusted: set proxmox.ca-cert to the cluster's CA or its certificate", failure);
        }
        if (causedBy(failure, UnknownHostException.class)) {
            return new ProxmoxException(operation, PERMANENT, 0, "unknown host (" + what + ")", Map.of(),
                    "check proxmox.base-url", failure);
        }
        // Other TLS trouble (a reset while pveproxy restarts, say) passes like any dropped connection.
        String kind = causedBy(failure, ConnectException.class) ? "connection refused"
                : causedBy(failure, SocketTimeoutException.class) ? "timed out" : "connection failed";
        return new ProxmoxException(operation, TRANSIENT, 0, kind + " (" + what + ")", Map.of(), "", failure);
    }

    /** PVE answers a parameter check with {@code {"data":null,"errors":{"param":"message"}}}. */
    private static Map<String, String> parameterErrors(byte[] body) {
        Map<String, String> errors = new LinkedHashMap<>();
        try {
            JsonNode node = JSON.readTree(body).path("errors");
            node.properties().forEach(entry -> errors.put(entry.getKey(), entry.getValue().asString().strip()));
        } catch (RuntimeException notJson) {
            // the reason phrase says enough
        }
        return errors;
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static Rule byMessage(String regex, FailureClass failureClass, String hint) {
        return new Rule(Pattern.compile(regex), ANY_FROM, ANY_TO, failureClass, hint, false);
    }

    /** Transient, and a matter of the VM: it passes when the VM's task ends or its guest is up. */
    private static Rule aboutTheVm(String regex) {
        return new Rule(Pattern.compile(regex), ANY_FROM, ANY_TO, TRANSIENT, "", true);
    }

    private static Rule byMessageAndStatus(String regex, int from, int to, FailureClass failureClass) {
        return new Rule(Pattern.compile(regex), from, to, failureClass, "", false);
    }

    private static Rule byStatus(int from, int to, FailureClass failureClass, String hint) {
        return new Rule(null, from, to, failureClass, hint, false);
    }
}
