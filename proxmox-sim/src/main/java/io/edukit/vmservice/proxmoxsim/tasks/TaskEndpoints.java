package io.edukit.vmservice.proxmoxsim.tasks;

import io.edukit.vmservice.proxmoxsim.Operation;
import io.edukit.vmservice.proxmoxsim.api.ApiCall;
import io.edukit.vmservice.proxmoxsim.api.ApiResult;
import io.edukit.vmservice.proxmoxsim.api.Endpoint;
import io.edukit.vmservice.proxmoxsim.api.PveException;
import io.edukit.vmservice.proxmoxsim.json.Json;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /nodes/{node}/tasks/{upid}/status} and {@code .../log}. The status carries
 * {@code exitstatus} only once stopped; the log pages with {@code start}/{@code limit} (0 = all)
 * and reports {@code total}, with PVE's {@code no content} line for an empty log.
 */
public final class TaskEndpoints {

    private TaskEndpoints() {}

    public static Map<Operation, Endpoint> create(TaskRunner runner) {
        Map<Operation, Endpoint> endpoints = new EnumMap<>(Operation.class);
        endpoints.put(Operation.TASK_STATUS, call -> status(find(runner, call)));
        endpoints.put(Operation.TASK_LOG, call -> log(find(runner, call), call));
        return endpoints;
    }

    private static Task find(TaskRunner runner, ApiCall call) {
        String text = call.require("upid");
        Upid upid = Upid.parse(text).orElseThrow(() -> PveException.parameter("upid", "unable to parse worker upid"));
        if (!upid.node().equals(call.node())) {
            throw PveException.parameter("upid", "no such task");
        }
        return runner.find(text).orElseThrow(() -> PveException.parameter("upid", "no such task"));
    }

    private static ApiResult status(Task task) {
        Upid upid = task.upid();
        ObjectNode out = Json.object();
        out.put("upid", upid.text());
        out.put("node", upid.node());
        out.put("pid", upid.pid());
        out.put("pstart", upid.pstart());
        out.put("starttime", upid.startTime());
        out.put("type", upid.type());
        out.put("id", upid.id());
        out.put("user", upid.user());
        out.put("status", task.running() ? "running" : "stopped");
        task.exitStatus().ifPresent(status -> out.put("exitstatus", status));
        return ApiResult.of(out);
    }

    private static ApiResult log(Task task, ApiCall call) {
        int start = call.param("start").map(Integer::parseInt).orElse(0);
        int limit = call.param("limit").map(Integer::parseInt).orElse(50);
        List<String> lines = task.logLines();
        ArrayNode out = Json.array();
        int count = 0;
        int taken = 0;
        for (String line : lines) {
            count++;
            if (count <= start || (limit > 0 && taken >= limit)) {
                continue;
            }
            taken++;
            ObjectNode item = out.addObject();
            item.put("n", count);
            item.put("t", line);
        }
        if (count == 0) {
            count = 1;
            ObjectNode item = out.addObject();
            item.put("n", 1);
            item.put("t", "no content");
        }
        return new ApiResult(out, count);
    }
}
