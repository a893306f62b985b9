package io.edukit.vmservice.proxmoxsim;

import io.edukit.vmservice.proxmoxsim.faults.FaultInjector;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Programmatic fault injection; the admin endpoint {@code POST /_sim/faults} does the same over
 * HTTP. An operation of {@code null} means every API call.
 */
public final class Faults {

    private final FaultInjector injector;

    Faults(FaultInjector injector) {
        this.injector = injector;
    }

    /** The next {@code times} calls of {@code operation} fail with {@code status} and this reason phrase. */
    public Faults failNext(@Nullable Operation operation, int times, int status, String reason) {
        return add(new FaultRule.ScriptedFailure(operation, times, status, reason));
    }

    /** The next {@code times} tasks of {@code operation} end with {@code exitStatus} instead of OK. */
    public Faults failNextTasks(Operation operation, int times, String exitStatus) {
        return add(new FaultRule.TaskFailure(operation, times, exitStatus));
    }

    /** Calls of {@code operation} fail at random with probability {@code rate}. */
    public Faults errorRate(@Nullable Operation operation, double rate, int status, String reason) {
        return add(new FaultRule.ErrorRate(operation, rate, status, reason));
    }

    /** Calls of {@code operation} take {@code extra} longer with probability {@code probability}. */
    public Faults latencySpikes(@Nullable Operation operation, double probability, Duration extra) {
        return add(new FaultRule.LatencySpike(operation, probability, extra));
    }

    /** Closes every new connection and every request's socket, unanswered, for {@code duration}. */
    public Faults refuseConnectionsFor(Duration duration) {
        return add(new FaultRule.RefuseConnections(duration));
    }

    public Faults add(FaultRule rule) {
        injector.add(rule);
        return this;
    }

    /** Removes every fault. */
    public void clear() {
        injector.clear();
    }

    /** The rules in force now. */
    public List<FaultRule> rules() {
        return injector.rules();
    }
}
