package io.edukit.vmservice.bench;

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
 * @param workerSettings further worker settings ({@code key=value}, Spring names)
 * @param warmupVms      VMs asked for and followed to RUNNING before the measured run, so that the JVMs are warm
 * @param profile        whether both JVMs record a JFR profile
 * @param target         what the issue asks of this scenario, in words
 */
record Scenario(String name, int vms, LoadShape load, ProxmoxTiming proxmox, int nodes, int clonesPerNode,
                double faultRate, int workerHeapMb, int apiHeapMb, Map<String, String> workerSettings,
                int warmupVms, boolean profile, String target) {

    Scenario {
        workerSettings = Map.copyOf(workerSettings);
        if (vms < 1 || nodes < 1 || clonesPerNode < 1 || warmupVms < 0) {
            throw new IllegalArgumentException("vms, nodes and clones per node must be at least 1");
        }
        if (faultRate < 0 || faultRate > 1) {
            throw new IllegalArgumentException("a fault rate is 0..1, got " + faultRate);
        }
    }

    Scenario withVms(int count) {
        return new Scenario(name, count, load, proxmox, nodes, clonesPerNode, faultRate, workerHeapMb, apiHeapMb,
                workerSettings, warmupVms, profile, target);
    }

    Scenario withLoad(LoadShape shape) {
        return new Scenario(name, vms, shape, proxmox, nodes, clonesPerNode, faultRate, workerHeapMb, apiHeapMb,
                workerSettings, warmupVms, profile, target);
    }

    Scenario withProxmox(ProxmoxTiming timing) {
        return new Scenario(name, vms, load, timing, nodes, clonesPerNode, faultRate, workerHeapMb, apiHeapMb,
                workerSettings, warmupVms, profile, target);
    }

    Scenario withNodes(int count, int clonesEach) {
        return new Scenario(name, vms, load, proxmox, count, clonesEach, faultRate, workerHeapMb, apiHeapMb,
                workerSettings, warmupVms, profile, target);
    }

    Scenario withFaultRate(double rate) {
        return new Scenario(name, vms, load, proxmox, nodes, clonesPerNode, rate, workerHeapMb, apiHeapMb,
                workerSettings, warmupVms, profile, target);
    }

    Scenario withHeaps(int workerMb, int apiMb) {
        return new Scenario(name, vms, load, proxmox, nodes, clonesPerNode, faultRate, workerMb, apiMb,
                workerSettings, warmupVms, profile, target);
    }

    Scenario withWorkerSettings(Map<String, String> settings) {
        return new Scenario(name, vms, load, proxmox, nodes, clonesPerNode, faultRate, workerHeapMb, apiHeapMb,
                settings, warmupVms, profile, target);
    }

    Scenario withWarmup(int count) {
        return new Scenario(name, vms, load, proxmox, nodes, clonesPerNode, faultRate, workerHeapMb, apiHeapMb,
                workerSettings, count, profile, target);
    }

    Scenario profiled() {
        return new Scenario(name, vms, load, proxmox, nodes, clonesPerNode, faultRate, workerHeapMb, apiHeapMb,
                workerSettings, warmupVms, true, target);
    }
}
