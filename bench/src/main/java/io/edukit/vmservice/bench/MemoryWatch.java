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
    private volatile double heapMb = Double.NaN;
    private volatile double residentMb = Double.NaN;

    MemoryWatch(ServiceProcess process) {
        this.process = process;
    }

    void sample() {
        OptionalDouble heap = process.heapUsedMb();
        if (heap.isPresent()) {
            heapMb = heap.getAsDouble();
            peakHeapMb = Double.isNaN(peakHeapMb) ? heapMb : Math.max(peakHeapMb, heapMb);
        }
        OptionalLong rss = process.residentKb();
        if (rss.isPresent()) {
            residentMb = rss.getAsLong() / 1024.0;
        }
    }

    double peakHeapMb() {
        return peakHeapMb;
    }

    double heapMb() {
        return heapMb;
    }

    double residentMb() {
        return residentMb;
    }

    /** The resident peak of the process's whole life so far, in MiB. */
    double peakResidentMb() {
        OptionalLong hwm = process.peakResidentKb();
        return hwm.isPresent() ? hwm.getAsLong() / 1024.0 : Double.NaN;
    }

    double gcPauseMillis() {
        return process.gcPauseMillis().orElse(Double.NaN);
    }
}
