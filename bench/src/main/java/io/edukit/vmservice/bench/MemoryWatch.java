package io.edukit.vmservice.bench;

import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Samples the heap in use (actuator) and the resident set ({@code /proc}) of one service process
 * twice a second while a run lasts, and keeps the peak heap. Sampling misses what comes and goes
 * between two samples; the resident peak needs no sampling ({@code VmHWM}).
 */
final class MemoryWatch {

    private final ServiceProcess process;
    private volatile double peakHeapMb = Double.NaN;
    private volatile Reading last = new Reading(Double.NaN, Double.NaN);

    /** One sample: heap in use and resident set, in MiB (NaN where it could not be read). */
    record Reading(double heapMb, double residentMb) {
    }

    MemoryWatch(ServiceProcess process) {
        this.process = process;
    }

    void sample() {
        OptionalDouble heap = process.heapUsedMb();
        OptionalLong rss = process.residentKb();
        last = new Reading(heap.orElse(Double.NaN), rss.isPresent() ? rss.getAsLong() / 1024.0 : Double.NaN);
        if (heap.isPresent()) {
            peakHeapMb = Double.isNaN(peakHeapMb) ? heap.getAsDouble() : Math.max(peakHeapMb, heap.getAsDouble());
        }
    }

    Reading last() {
        return last;
    }

    double peakHeapMb() {
        return peakHeapMb;
    }

    /** The resident peak of the process's whole life so far, in MiB. */
    double peakResidentMb() {
        OptionalLong hwm = process.peakResidentKb();
        return hwm.isPresent() ? hwm.getAsLong() / 1024.0 : Double.NaN;
    }
}
