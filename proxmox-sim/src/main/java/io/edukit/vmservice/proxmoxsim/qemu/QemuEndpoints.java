package io.edukit.vmservice.proxmoxsim.qemu;

import io.edukit.vmservice.proxmoxsim.Operation;
import io.edukit.vmservice.proxmoxsim.api.Endpoint;
import io.edukit.vmservice.proxmoxsim.counters.CallCounters;
import io.edukit.vmservice.proxmoxsim.faults.FaultInjector;
import io.edukit.vmservice.proxmoxsim.schema.ApiSchema;
import io.edukit.vmservice.proxmoxsim.state.Cluster;
import io.edukit.vmservice.proxmoxsim.tasks.TaskRunner;
import io.edukit.vmservice.proxmoxsim.timing.Timing;
import java.util.EnumMap;
import java.util.Map;

/** Wires the VM endpoints to their operations. */
public final class QemuEndpoints {

    private QemuEndpoints() {}

    public static Map<Operation, Endpoint> create(Cluster cluster, TaskRunner tasks, FaultInjector faults,
            Timing timing, CallCounters counters, ApiSchema schema) {
        Worker worker = new Worker(tasks, faults);
        PowerEndpoints power = new PowerEndpoints(cluster, worker, timing);
        StatusEndpoints status = new StatusEndpoints(cluster);
        Map<Operation, Endpoint> endpoints = new EnumMap<>(Operation.class);
        endpoints.put(Operation.LIST_VMS, status.list());
        endpoints.put(Operation.READ_STATUS, status.current());
        endpoints.put(Operation.CLONE, new CloneEndpoint(cluster, worker, timing, counters));
        endpoints.put(Operation.READ_CONFIG, new ReadConfigEndpoint(cluster, new ConfigView(schema)));
        endpoints.put(Operation.READ_PENDING, new ReadPendingEndpoint(cluster));
        endpoints.put(Operation.UPDATE_CONFIG, new UpdateConfigEndpoint(cluster, worker, timing, schema, UpdateConfigEndpoint.Mode.ASYNC));
        endpoints.put(Operation.UPDATE_CONFIG_SYNC, new UpdateConfigEndpoint(cluster, worker, timing, schema, UpdateConfigEndpoint.Mode.SYNC));
        endpoints.put(Operation.UNLINK, new UpdateConfigEndpoint(cluster, worker, timing, schema, UpdateConfigEndpoint.Mode.UNLINK));
        endpoints.put(Operation.RESIZE, new ResizeEndpoint(cluster, worker, timing));
        endpoints.put(Operation.START, power.start());
        endpoints.put(Operation.STOP, power.stop());
        endpoints.put(Operation.SHUTDOWN, power.shutdown());
        endpoints.put(Operation.DESTROY, new DestroyEndpoint(cluster, worker, timing));
        endpoints.put(Operation.CONVERT_TO_TEMPLATE, new ConvertToTemplateEndpoint(cluster, worker, timing));
        endpoints.put(Operation.AGENT_NETWORK, new AgentEndpoint(cluster, timing));
        return endpoints;
    }
}
