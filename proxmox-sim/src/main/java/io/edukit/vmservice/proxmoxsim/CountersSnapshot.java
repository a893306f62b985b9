package io.edukit.vmservice.proxmoxsim;

import java.util.Map;

/**
 * The simulator's counters at one moment.
 *
 * @param calls                 API calls per endpoint ({@code METHOD /path/template}), every outcome
 *                              counted, including rejected and fault-injected ones; paths the API
 *                              does not know count under {@code METHOD <unknown>}
 * @param taskPolls             {@code GET .../tasks/{upid}/status} calls (also in {@code calls})
 * @param clonesPerDescription  accepted clone calls per distinct {@code description} ({@code ""} for none)
 * @param peakConcurrentClones  the most clone tasks that ran at once, per node
 * @param runningClones         clone tasks running now, per node
 */
public record CountersSnapshot(
        Map<String, Long> calls,
        long taskPolls,
        Map<String, Long> clonesPerDescription,
        Map<String, Integer> peakConcurrentClones,
        Map<String, Integer> runningClones) {

    public CountersSnapshot {
        calls = Map.copyOf(calls);
        clonesPerDescription = Map.copyOf(clonesPerDescription);
        peakConcurrentClones = Map.copyOf(peakConcurrentClones);
        runningClones = Map.copyOf(runningClones);
    }

    /** Calls of one operation. */
    public long calls(Operation operation) {
        return calls.getOrDefault(operation.endpoint(), 0L);
    }

    /** Accepted clone calls whose description contains {@code marker}, e.g. {@code vmservice-id=<uuid>}. */
    public long clonesWithMarker(String marker) {
        return clonesPerDescription.entrySet().stream()
                .filter(e -> e.getKey().contains(marker))
                .mapToLong(Map.Entry::getValue)
                .sum();
    }

    public int peakConcurrentClones(String node) {
        return peakConcurrentClones.getOrDefault(node, 0);
    }
}
