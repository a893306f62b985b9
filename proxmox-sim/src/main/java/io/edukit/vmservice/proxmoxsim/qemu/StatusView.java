package io.edukit.vmservice.proxmoxsim.qemu;

import io.edukit.vmservice.proxmoxsim.json.Json;
import io.edukit.vmservice.proxmoxsim.state.VirtualMachine;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.node.ObjectNode;

/** {@code PVE::QemuServer::vmstatus} for one VM: the list entry, and with {@code full} the status/current answer. */
final class StatusView {

    private StatusView() {}

    static ObjectNode of(VirtualMachine vm, boolean full) {
        ObjectNode out = Json.object();
        out.put("vmid", vm.vmid());
        out.put("name", vm.name());
        out.put("status", vm.isRunning() ? "running" : "stopped");
        out.put("cpus", vm.cpus());
        out.put("maxmem", vm.memoryBytes());
        out.put("maxdisk", vm.bootDiskBytes());
        long uptime = vm.isRunning() ? TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - vm.startedAtNanos()) : 0;
        out.put("uptime", uptime);
        out.put("cpu", vm.isRunning() ? 0.0123 : 0);
        out.put("mem", vm.isRunning() ? vm.memoryBytes() * 2 / 5 : 0);
        out.put("disk", 0);
        out.put("diskread", vm.isRunning() ? 104_857_600L : 0);
        out.put("diskwrite", vm.isRunning() ? 20_971_520L : 0);
        out.put("netin", vm.isRunning() ? 1_048_576L + uptime * 512 : 0);
        out.put("netout", vm.isRunning() ? 65_536L + uptime * 128 : 0);
        if (vm.isRunning()) {
            out.put("pid", vm.pid());
        }
        if (vm.isTemplate()) {
            out.put("template", 1);
        }
        if (vm.config().containsKey("serial0")) {
            out.put("serial", 1);
        }
        vm.lock().ifPresent(lock -> out.put("lock", lock));
        vm.get("tags").ifPresent(tags -> out.put("tags", tags));
        if (full) {
            out.put("qmpstatus", vm.isRunning() ? "running" : "stopped");
            out.putObject("ha").put("managed", 0);
            if (vm.agentEnabled()) {
                out.put("agent", 1);
            }
            if (vm.isRunning()) {
                out.put("running-machine", "pc-i440fx-9.2+pve1");
                out.put("running-qemu", "9.2.0");
            }
        }
        return out;
    }
}
