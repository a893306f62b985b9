package io.edukit.vmservice.proxmoxsim.admin;

import io.edukit.vmservice.proxmoxsim.CountersSnapshot;
import io.edukit.vmservice.proxmoxsim.FaultRule;
import io.edukit.vmservice.proxmoxsim.TemplateSpec;
import io.edukit.vmservice.proxmoxsim.counters.CallCounters;
import io.edukit.vmservice.proxmoxsim.faults.FaultInjector;
import io.edukit.vmservice.proxmoxsim.http.IncomingRequest;
import io.edukit.vmservice.proxmoxsim.http.OutgoingResponse;
import io.edukit.vmservice.proxmoxsim.http.RequestHandler;
import io.edukit.vmservice.proxmoxsim.json.Json;
import io.edukit.vmservice.proxmoxsim.state.Cluster;
import io.edukit.vmservice.proxmoxsim.state.TemplateFactory;
import io.edukit.vmservice.proxmoxsim.state.VirtualMachine;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /_sim/}: {@code GET counters}, {@code POST reset-counters}, and {@code GET}/{@code POST}/
 * {@code DELETE faults} (see {@link FaultRuleJson}), {@code POST templates} (see
 * {@link TemplateSpecJson}) and {@code DELETE vms/{vmid}}. Answers only clients on the loopback
 * interface; needs no token.
 */
public final class AdminEndpoint implements RequestHandler {

    private static final Pattern VM_PATH = Pattern.compile("/_sim/vms/([^/]+)");

    private final FaultInjector faults;
    private final CallCounters counters;
    private final Cluster cluster;

    public AdminEndpoint(FaultInjector faults, CallCounters counters, Cluster cluster) {
        this.faults = faults;
        this.counters = counters;
        this.cluster = cluster;
    }

    @Override
    public OutgoingResponse handle(IncomingRequest request) {
        if (!request.remote().getAddress().isLoopbackAddress()) {
            return error(403, "the admin endpoint answers loopback clients only");
        }
        String path = request.rawPath().replaceAll("/+$", "");
        String route = request.method() + " " + path;
        Matcher vm = VM_PATH.matcher(path);
        if (vm.matches() && request.method().equals("DELETE")) {
            return removeVm(vm.group(1));
        }
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
            case "POST /_sim/templates" -> installTemplate(request.body());
            default -> error(404, "no such admin resource: " + route
                    + " (GET /_sim/counters, POST /_sim/reset-counters, GET|POST|DELETE /_sim/faults,"
                    + " POST /_sim/templates, DELETE /_sim/vms/{vmid})");
        };
    }

    private OutgoingResponse installTemplate(byte[] body) {
        TemplateSpec spec;
        try {
            spec = TemplateSpecJson.parse(Json.MAPPER.readTree(body));
        } catch (JacksonException | IllegalArgumentException e) {
            return error(400, firstLine(e, "malformed template"));
        }
        try {
            VirtualMachine template = TemplateFactory.install(cluster, spec);
            ObjectNode out = TemplateSpecJson.render(spec);
            ObjectNode config = out.putObject("config");
            cluster.lockedRun(() -> template.config().forEach(config::put));
            return ok(out);
        } catch (IllegalStateException e) {
            return error(409, firstLine(e, "VMID taken"));
        } catch (IllegalArgumentException e) {
            return error(400, firstLine(e, "bad template"));
        }
    }

    private OutgoingResponse removeVm(String vmid) {
        if (!vmid.matches("[1-9][0-9]{2,8}")) {
            return error(400, "not a VMID: " + vmid);
        }
        try {
            VirtualMachine removed = cluster.removeVm(Integer.parseInt(vmid));
            ObjectNode out = Json.object();
            out.put("vmid", removed.vmid());
            out.put("node", removed.node());
            out.put("removed", true);
            return ok(out);
        } catch (IllegalArgumentException e) {
            return error(404, firstLine(e, "no such VM"));
        }
    }

    private static String firstLine(Exception e, String fallback) {
        return e.getMessage() == null ? fallback : e.getMessage().lines().findFirst().orElse(fallback);
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
