package io.edukit.vmservice.proxmoxsim.counters;

import io.edukit.vmservice.proxmoxsim.CountersSnapshot;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** Thread-safe counters written by the request and task threads. */
public final class CallCounters {

    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
    private final LongAdder taskPolls = new LongAdder();
    private final Map<String, LongAdder> clonesPerDescription = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> runningClones = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> peakClones = new ConcurrentHashMap<>();

    public void call(String endpoint) {
        calls.computeIfAbsent(endpoint, k -> new LongAdder()).increment();
    }

    public void taskPoll() {
        taskPolls.increment();
    }

    public void cloneAccepted(String description) {
        clonesPerDescription.computeIfAbsent(description, k -> new LongAdder()).increment();
    }

    public void cloneTaskStarted(String node) {
        int now = runningClones.computeIfAbsent(node, k -> new AtomicInteger()).incrementAndGet();
        peakClones.computeIfAbsent(node, k -> new AtomicInteger()).accumulateAndGet(now, Math::max);
    }

    public void cloneTaskEnded(String node) {
        runningClones.computeIfAbsent(node, k -> new AtomicInteger()).decrementAndGet();
    }

    /** Clears everything except the clones running now, which become the new peak. */
    public void reset() {
        calls.clear();
        taskPolls.reset();
        clonesPerDescription.clear();
        peakClones.clear();
        runningClones.forEach((node, running) ->
                peakClones.computeIfAbsent(node, k -> new AtomicInteger()).set(running.get()));
    }

    public CountersSnapshot snapshot() {
        Map<String, Long> callCopy = new HashMap<>();
        calls.forEach((k, v) -> callCopy.put(k, v.sum()));
        Map<String, Long> cloneCopy = new HashMap<>();
        clonesPerDescription.forEach((k, v) -> cloneCopy.put(k, v.sum()));
        Map<String, Integer> peakCopy = new HashMap<>();
        peakClones.forEach((k, v) -> peakCopy.put(k, v.get()));
        Map<String, Integer> runningCopy = new HashMap<>();
        runningClones.forEach((k, v) -> runningCopy.put(k, v.get()));
        return new CountersSnapshot(callCopy, taskPolls.sum(), cloneCopy, peakCopy, runningCopy);
    }
}
