package io.edukit.vmservice.proxmoxsim;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * One injected fault. An {@code operation} of {@code null} means every API call.
 *
 * <p>Faults act before authentication and parameter checks, like trouble in the proxy or network in
 * front of the API: a failed call has no effect on the simulated cluster.
 */
public sealed interface FaultRule {

    /**
     * The next {@code times} calls of the operation fail with this status and reason phrase, e.g.
     * 500 {@code can't lock file '/var/lock/qemu-server/lock-123.conf' - got timeout} or 596.
     */
    record ScriptedFailure(@Nullable Operation operation, int times, int status, String reason) implements FaultRule {
        public ScriptedFailure {
            requirePositive(times, "times");
            requireStatus(status);
        }
    }

    /**
     * The next {@code times} tasks of an asynchronous operation are accepted (a UPID comes back) but
     * end with this exit status instead of {@code OK}, as when a worker fails after forking.
     */
    record TaskFailure(@Nullable Operation operation, int times, String exitStatus) implements FaultRule {
        public TaskFailure {
            requirePositive(times, "times");
            if (exitStatus.isBlank() || exitStatus.equals("OK")) {
                throw new IllegalArgumentException("a task failure needs an error exit status");
            }
        }
    }

    /** Each call fails with probability {@code rate} (seeded), until the rule is cleared. */
    record ErrorRate(@Nullable Operation operation, double rate, int status, String reason) implements FaultRule {
        public ErrorRate {
            requireProbability(rate);
            requireStatus(status);
        }
    }

    /** Each call is delayed by {@code extra} with probability {@code probability} (seeded). */
    record LatencySpike(@Nullable Operation operation, double probability, Duration extra) implements FaultRule {
        public LatencySpike {
            requireProbability(probability);
            if (extra.isNegative()) {
                throw new IllegalArgumentException("extra latency cannot be negative");
            }
        }
    }

    /** For {@code duration} from now, every new connection and every request closes the socket unanswered. */
    record RefuseConnections(Duration duration) implements FaultRule {
        public RefuseConnections {
            if (duration.isNegative()) {
                throw new IllegalArgumentException("duration cannot be negative");
            }
        }
    }

    private static void requirePositive(int n, String what) {
        if (n < 1) {
            throw new IllegalArgumentException(what + " must be at least 1, got " + n);
        }
    }

    private static void requireStatus(int status) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("a failure status is 400..599, got " + status);
        }
    }

    private static void requireProbability(double p) {
        if (p < 0 || p > 1) {
            throw new IllegalArgumentException("a probability is 0..1, got " + p);
        }
    }
}
