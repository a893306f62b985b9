package io.edukit.vmservice.proxmoxsim.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The whole simulated cluster state. One lock guards it: every operation is a quick in-memory
 * change, so a single lock keeps hundreds of concurrent requests correct without contention
 * worth the name, and makes "check, then change" atomic as PVE's config locks do.
 */
public final class Cluster {

    private final ReentrantLock lock = new ReentrantLock();
    private final List<String> nodes;
    private final Map<Integer, VirtualMachine> vms = new TreeMap<>();
    private final SnippetStore snippets;
    private final Identifiers identifiers;

    public Cluster(List<String> nodes, SnippetStore snippets, Identifiers identifiers) {
        this.nodes = List.copyOf(nodes);
        this.snippets = snippets;
        this.identifiers = identifiers;
    }

    /** Runs {@code action} holding the cluster lock. */
    public <T> T locked(Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    public void lockedRun(Runnable action) {
        locked(() -> {
            action.run();
            return null;
        });
    }

    public List<String> nodes() {
        return nodes;
    }

    public boolean hasNode(String node) {
        return nodes.contains(node);
    }

    public SnippetStore snippets() {
        return snippets;
    }

    public Identifiers identifiers() {
        return identifiers;
    }

    /**
     * Removes a VM or template at once, taking the lock itself, as if an operator had destroyed it
     * behind the API's back: no lock, "running" or linked-clone check, no task. Tasks still working
     * on it fail when they next look for it.
     *
     * @throws IllegalArgumentException if no VM has this VMID
     */
    public VirtualMachine removeVm(int vmid) {
        return locked(() -> {
            VirtualMachine vm = vms.remove(vmid);
            if (vm == null) {
                throw new IllegalArgumentException("no VM or template with VMID " + vmid);
            }
            return vm;
        });
    }

    // The accessors below expect the caller to hold the lock.

    public Optional<VirtualMachine> vm(int vmid) {
        return Optional.ofNullable(vms.get(vmid));
    }

    /** The VM if it lives on {@code node}: PVE only finds configs of its own node. */
    public Optional<VirtualMachine> vmOn(String node, int vmid) {
        return vm(vmid).filter(vm -> vm.node().equals(node));
    }

    public boolean vmidTaken(int vmid) {
        return vms.containsKey(vmid);
    }

    public void add(VirtualMachine vm) {
        if (vms.putIfAbsent(vm.vmid(), vm) != null) {
            throw new IllegalStateException("VMID " + vm.vmid() + " taken");
        }
    }

    public void remove(int vmid) {
        vms.remove(vmid);
    }

    public List<VirtualMachine> vms() {
        return new ArrayList<>(vms.values());
    }

    public List<VirtualMachine> vmsOn(String node) {
        return vms.values().stream().filter(vm -> vm.node().equals(node)).toList();
    }
}
