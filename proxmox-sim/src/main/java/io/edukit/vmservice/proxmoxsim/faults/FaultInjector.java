package io.edukit.vmservice.proxmoxsim.faults;

import io.edukit.vmservice.proxmoxsim.FaultRule;
import io.edukit.vmservice.proxmoxsim.FaultRule.ErrorRate;
import io.edukit.vmservice.proxmoxsim.FaultRule.LatencySpike;
import io.edukit.vmservice.proxmoxsim.FaultRule.RefuseConnections;
import io.edukit.vmservice.proxmoxsim.FaultRule.ScriptedFailure;
import io.edukit.vmservice.proxmoxsim.FaultRule.TaskFailure;
import io.edukit.vmservice.proxmoxsim.Operation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Holds the active fault rules and decides, call by call, which one applies. Scripted rules count
 * down and disappear when used up; rates and spikes stay until cleared; refusing connections ends
 * by itself. Randomness is seeded so that a benchmark run can be repeated.
 */
public final class FaultInjector {

    private final List<ActiveRule> rules = new CopyOnWriteArrayList<>();
    private final Random random;
    private final LongSupplier nanoClock;

    public FaultInjector(long seed) {
        this(seed, System::nanoTime);
    }

    FaultInjector(long seed, LongSupplier nanoClock) {
        this.random = new Random(seed);
        this.nanoClock = nanoClock;
    }

    public void add(FaultRule rule) {
        long until = rule instanceof RefuseConnections r ? nanoClock.getAsLong() + r.duration().toNanos() : Long.MAX_VALUE;
        int times = switch (rule) {
            case ScriptedFailure s -> s.times();
            case TaskFailure t -> t.times();
            default -> Integer.MAX_VALUE;
        };
        rules.add(new ActiveRule(rule, new AtomicInteger(times), until));
    }

    public void clear() {
        rules.clear();
    }

    /** The rules still in force; scripted ones show the calls they have left. */
    public List<FaultRule> rules() {
        dropExpired();
        List<FaultRule> result = new ArrayList<>();
        for (ActiveRule active : rules) {
            int left = active.remaining.get();
            FaultRule current = switch (active.rule) {
                case ScriptedFailure s -> new ScriptedFailure(s.operation(), left, s.status(), s.reason());
                case TaskFailure t -> new TaskFailure(t.operation(), left, t.exitStatus());
                case RefuseConnections r -> new RefuseConnections(Duration.ofNanos(Math.max(0, active.untilNanos - nanoClock.getAsLong())));
                default -> active.rule;
            };
            result.add(current);
        }
        return result;
    }

    /** Whether connections are being refused now. */
    public boolean refusingConnections() {
        long now = nanoClock.getAsLong();
        return rules.stream().anyMatch(r -> r.rule instanceof RefuseConnections && r.untilNanos > now);
    }

    /** The HTTP error this call must get instead of its answer, if any: scripted ones first. */
    public Optional<HttpFailure> failureFor(@Nullable Operation operation) {
        for (ActiveRule active : rules) {
            if (active.rule instanceof ScriptedFailure s && applies(s.operation(), operation) && active.take()) {
                return Optional.of(new HttpFailure(s.status(), s.reason()));
            }
        }
        for (ActiveRule active : rules) {
            if (active.rule instanceof ErrorRate e && applies(e.operation(), operation) && chance(e.rate())) {
                return Optional.of(new HttpFailure(e.status(), e.reason()));
            }
        }
        return Optional.empty();
    }

    /** The exit status the task this call starts must end with, if a task failure is scripted. */
    public Optional<String> taskFailureFor(Operation operation) {
        for (ActiveRule active : rules) {
            if (active.rule instanceof TaskFailure t && applies(t.operation(), operation) && active.take()) {
                return Optional.of(t.exitStatus());
            }
        }
        return Optional.empty();
    }

    /** The extra delay spikes add to this call. */
    public Duration extraLatencyFor(@Nullable Operation operation) {
        Duration extra = Duration.ZERO;
        for (ActiveRule active : rules) {
            if (active.rule instanceof LatencySpike l && applies(l.operation(), operation) && chance(l.probability())) {
                extra = extra.plus(l.extra());
            }
        }
        return extra;
    }

    private static boolean applies(@Nullable Operation ruleOperation, @Nullable Operation call) {
        return ruleOperation == null || ruleOperation == call;
    }

    private boolean chance(double probability) {
        if (probability <= 0) {
            return false;
        }
        synchronized (random) {
            return random.nextDouble() < probability;
        }
    }

    private void dropExpired() {
        long now = nanoClock.getAsLong();
        rules.removeIf(r -> r.untilNanos <= now || r.remaining.get() <= 0);
    }

    private final class ActiveRule {
        private final FaultRule rule;
        private final AtomicInteger remaining;
        private final long untilNanos;

        private ActiveRule(FaultRule rule, AtomicInteger remaining, long untilNanos) {
            this.rule = rule;
            this.remaining = remaining;
            this.untilNanos = untilNanos;
        }

        /** Uses one of the remaining calls; the last one removes the rule. */
        private boolean take() {
            int left = remaining.getAndUpdate(n -> n > 0 && n != Integer.MAX_VALUE ? n - 1 : n);
            if (left <= 0) {
                return false;
            }
            if (left == 1) {
                rules.remove(this);
            }
            return true;
        }
    }
}
