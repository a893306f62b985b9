package io.edukit.vmservice.proxmoxsim.admin;

import io.edukit.vmservice.proxmoxsim.CountersSnapshot;
import io.edukit.vmservice.proxmoxsim.FaultRule;
import io.edukit.vmservice.proxmoxsim.counters.CallCounters;
import io.edukit.vmservice.proxmoxsim.faults.FaultInjector;
import io.edukit.vmservice.proxmoxsim.http.IncomingRequest;
import io.edukit.vmservice.proxmoxsim.http.OutgoingResponse;
import io.edukit.vmservice.proxmoxsim.http.RequestHandler;
import io.edukit.vmservice.proxmoxsim.json.Json;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /_sim/}: {@code GET counters}, {@code POST reset-counters}, and {@code GET}/{@code POST}/
 * {@code DELETE faults} (see {@link FaultRuleJson}). Answers only clients on the loopback
 * interface; needs no token.
 */
public final class AdminEndpoint implements RequestHandler {

    private final FaultInjector faults;
    private final CallCounters counters;

    public AdminEndpoint(FaultInjector faults, CallCounters counters) {
        this.faults = faults;
        this.counters = counters;
    }

    @Override
    public OutgoingResponse handle(IncomingRequest request) {
        if (!request.remote().getAddress().isLoopbackAddress()) {
            return error(403, "the admin endpoint answers loopback clients only");
        }
        String route = request.method() + " " + request.rawPath().replaceAll("/+$", "");
        return switch (route) {
            case "GET /_sim/counters" -> ok(counters(counters.snapshot()));
            case "POST /_sim/reset-counters" -> {
                counters.reset();
                yield ok(counters(counters.snapshot()));
            }
            case "GET /_sim/faults" -> ok(faults());
            case "POST /_sim/faults" -> addFaults(request.body());
            case "DELETE /_sim/faults" -> {
                faults.clear();
                yield ok(faults());
            }
            default -> error(404, "no such admin resource: " + route
                    + " (GET /_sim/counters, POST /_sim/reset-counters, GET|POST|DELETE /_sim/faults)");
        };
    }

    private OutgoingResponse addFaults(byte[] body) {
        List<FaultRule> rules = new ArrayList<>();
        try {
            JsonNode json = Json.MAPPER.readTree(body);
            JsonNode list = json.isObject() && json.has("faults") ? json.get("faults") : json;
            if (list.isArray()) {
                list.forEach(item -> rules.add(FaultRuleJson.parse(item)));
            } else {
                rules.add(FaultRuleJson.parse(list));
            }
        } catch (JacksonException | IllegalArgumentException e) {
            return error(400, e.getMessage() == null ? "malformed fault" : e.getMessage().lines().findFirst().orElse(""));
        }
        rules.forEach(faults::add);
        return ok(faults());
    }

    private ObjectNode faults() {
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("faults");
        faults.rules().forEach(rule -> list.add(FaultRuleJson.render(rule)));
        return out;
    }

    static ObjectNode counters(CountersSnapshot snapshot) {
        ObjectNode out = Json.object();
        ObjectNode calls = out.putObject("calls");
        snapshot.calls().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .forEach(e -> calls.put(e.getKey(), e.getValue()));
        out.put("taskPolls", snapshot.taskPolls());
        ObjectNode clones = out.putObject("clonesPerDescription");
        snapshot.clonesPerDescription().forEach(clones::put);
        ObjectNode peak = out.putObject("peakConcurrentClones");
        snapshot.peakConcurrentClones().forEach(peak::put);
        ObjectNode running = out.putObject("runningClones");
        snapshot.runningClones().forEach(running::put);
        return out;
    }

    private static OutgoingResponse ok(JsonNode body) {
        return OutgoingResponse.json(200, "OK", Json.bytes(body), false);
    }

    private static OutgoingResponse error(int status, String message) {
        ObjectNode body = Json.object();
        body.put("error", message);
        return OutgoingResponse.json(status, message, Json.bytes(body), true);
    }
}
