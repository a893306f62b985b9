package io.edukit.vmservice.bench;

import java.util.List;
import java.util.Map;

/**
 * One benchmark: how many VMs, how they are asked for, how Proxmox behaves, and how the service
 * under test is set up.
 *
 * @param nodes          simulated nodes, each with its own copy of the template
 * @param clonesPerNode  {@code vmservice.max-concurrent-clones-per-node}
 * @param faultRate      share of all Proxmox API calls answered 596 (transient), 0 for none
 * @param workerHeapMb   {@code -Xmx} of the worker's JVM
 * @param apiHeapMb      {@code -Xmx} of the API's JVM
 * @param jvmOptions     further options of both services' JVMs (a garbage collector, say)
 * @param workerSettings further worker settings ({@code key=value}, Spring names)
 * @param warmupVms      VMs asked for and followed to RUNNING before the measured run, so that the JVMs are warm
 * @param profile        whether both JVMs record a JFR profile
 * @param target         what the issue asks of this scenario, in words
 */
record Scenario(String name, int vms, LoadShape load, ProxmoxTiming proxmox, int nodes, int clonesPerNode,
                double faultRate, int workerHeapMb, int apiHeapMb, List<String> jvmOptions, Map<String, String> workerSettings,
                int warmupVms, boolean profile, String target) {

    Scenario {
        jvmOptions = List.copyOf(jvmOptions);
        workerSettings = Map.copyOf(workerSettings);
        if (vms < 1 || nodes < 1 || clonesPerNode < 1 || warmupVms < 0) {
            throw new IllegalArgumentException("vms, nodes and clones per node must be at least 1");
        }
        if (faultRate < 0 || faultRate > 1) {
            throw new IllegalArgumentException("a fault rate is 0..1, got " + faultRate);
        }
    }
}
