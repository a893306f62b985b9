package io.edukit.vmservice.proxmoxsim.admin;

import io.edukit.vmservice.proxmoxsim.FaultRule;
import io.edukit.vmservice.proxmoxsim.FaultRule.ErrorRate;
import io.edukit.vmservice.proxmoxsim.FaultRule.LatencySpike;
import io.edukit.vmservice.proxmoxsim.FaultRule.RefuseConnections;
import io.edukit.vmservice.proxmoxsim.FaultRule.ScriptedFailure;
import io.edukit.vmservice.proxmoxsim.FaultRule.TaskFailure;
import io.edukit.vmservice.proxmoxsim.Operation;
import io.edukit.vmservice.proxmoxsim.json.Json;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The admin JSON form of a fault rule, by {@code type}:
 * <pre>
 * {"type":"scripted-failure","operation":"clone","times":2,"status":500,"reason":"..."}
 * {"type":"task-failure","operation":"clone","times":1,"exitStatus":"..."}
 * {"type":"error-rate","operation":"start","rate":0.1,"status":500,"reason":"..."}
 * {"type":"latency-spike","operation":"any","probability":0.2,"extraMillis":1500}
 * {"type":"refuse-connections","durationMillis":2000}
 * </pre>
 * {@code operation} is a short name ({@code clone}), an enum name or an endpoint
 * ({@code POST /nodes/{node}/qemu/{vmid}/clone}); absent, {@code null} or {@code any} means every call.
 */
public final class FaultRuleJson {

    private FaultRuleJson() {}

    public static FaultRule parse(JsonNode json) {
        String type = text(json, "type");
        return switch (type) {
            case "scripted-failure" -> new ScriptedFailure(operation(json), json.path("times").asInt(1),
                    json.path("status").asInt(500), text(json, "reason"));
            case "task-failure" -> new TaskFailure(operation(json), json.path("times").asInt(1), text(json, "exitStatus"));
            case "error-rate" -> new ErrorRate(operation(json), number(json, "rate"),
                    json.path("status").asInt(500), text(json, "reason"));
            case "latency-spike" -> new LatencySpike(operation(json), number(json, "probability"),
                    Duration.ofMillis(json.path("extraMillis").asLong(0)));
            case "refuse-connections" -> new RefuseConnections(Duration.ofMillis(json.path("durationMillis").asLong(0)));
            default -> throw new IllegalArgumentException("unknown fault type '" + type
                    + "' (scripted-failure, task-failure, error-rate, latency-spike, refuse-connections)");
        };
    }

    public static ObjectNode render(FaultRule rule) {
        ObjectNode out = Json.object();
        switch (rule) {
            case ScriptedFailure s -> {
                out.put("type", "scripted-failure");
                putOperation(out, s.operation());
                out.put("times", s.times());
                out.put("status", s.status());
                out.put("reason", s.reason());
            }
            case TaskFailure t -> {
                out.put("type", "task-failure");
                putOperation(out, t.operation());
                out.put("times", t.times());
                out.put("exitStatus", t.exitStatus());
            }
            case ErrorRate e -> {
                out.put("type", "error-rate");
                putOperation(out, e.operation());
                out.put("rate", e.rate());
                out.put("status", e.status());
                out.put("reason", e.reason());
            }
            case LatencySpike l -> {
                out.put("type", "latency-spike");
                putOperation(out, l.operation());
                out.put("probability", l.probability());
                out.put("extraMillis", l.extra().toMillis());
            }
            case RefuseConnections r -> {
                out.put("type", "refuse-connections");
                out.put("durationMillis", r.duration().toMillis());
            }
        }
        return out;
    }

    private static @Nullable Operation operation(JsonNode json) {
        JsonNode op = json.get("operation");
        if (op == null || op.isNull() || op.asString().equals("any") || op.asString().equals("*")) {
            return null;
        }
        return Operation.parse(op.asString());
    }

    private static void putOperation(ObjectNode out, @Nullable Operation operation) {
        if (operation == null) {
            out.put("operation", "any");
        } else {
            out.put("operation", operation.key());
        }
    }

    private static String text(JsonNode json, String field) {
        JsonNode v = json.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("missing '" + field + "'");
        }
        return v.asString();
    }

    private static double number(JsonNode json, String field) {
        JsonNode v = json.get(field);
        if (v == null || !v.isNumber()) {
            throw new IllegalArgumentException("missing number '" + field + "'");
        }
        return v.doubleValue();
    }
}
