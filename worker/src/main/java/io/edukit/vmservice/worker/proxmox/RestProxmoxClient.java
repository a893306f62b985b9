package io.edukit.vmservice.worker.proxmox;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Proxmox client over HTTPS (Apache HttpClient 5 underneath, so that PVE's reason phrase
 * reaches the error). Parameters go as form fields for POST and PUT, as the query for GET and
 * DELETE; every answer is {@code {"data": ...}}.
 */
final class RestProxmoxClient implements ProxmoxClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RestClient rest;
    private final URI baseUrl;
    private final ApiToken token;

    RestProxmoxClient(RestClient rest, URI baseUrl, ApiToken token) {
        this.rest = rest;
        this.baseUrl = baseUrl;
        this.token = token;
    }

    @Override
    public PveVersion version() {
        JsonNode data = call("version", HttpMethod.GET, "/version", Map.of(), Map.of());
        return new PveVersion(data.path("version").asString(""), data.path("release").asString(""));
    }

    @Override
    public boolean isVmidFree(int vmid) {
        try {
            call("VMID check", HttpMethod.GET, "/cluster/nextid", Map.of(), params("vmid", String.valueOf(vmid)));
            return true;
        } catch (ProxmoxException e) {
            if (e.failureClass() == io.edukit.vmservice.worker.provisioning.FailureClass.CONFLICT) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public Upid cloneVm(CloneRequest request) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("newid", String.valueOf(request.newVmid()));
        form.put("name", request.name());
        form.put("full", "1");
        form.put("storage", request.storage());
        form.put("description", request.description());
        return task(call("clone of " + request.template(), HttpMethod.POST, vmPath(request.template(), "/clone"), form, Map.of()));
    }

    @Override
    public VmConfig config(VmRef vm) {
        JsonNode data = call("config read of VM " + vm, HttpMethod.GET, vmPath(vm, "/config"), Map.of(), Map.of());
        Map<String, String> values = new LinkedHashMap<>();
        data.properties().forEach(entry -> values.put(entry.getKey(), entry.getValue().asString()));
        return VmConfig.of(values);
    }

    @Override
    public Upid updateConfig(VmRef vm, ConfigChange change) {
        return task(call("config update of VM " + vm, HttpMethod.POST, vmPath(vm, "/config"), change.toForm(), Map.of()));
    }

    @Override
    public void setConfig(VmRef vm, ConfigChange change) {
        call("config update of VM " + vm, HttpMethod.PUT, vmPath(vm, "/config"), change.toForm(), Map.of());
    }

    @Override
    public Upid resizeDisk(VmRef vm, String disk, int sizeGb) {
        return task(call("resize of VM " + vm, HttpMethod.PUT, vmPath(vm, "/resize"),
                params("disk", disk, "size", sizeGb + "G"), Map.of()));
    }

    @Override
    public Upid start(VmRef vm) {
        return task(call("start of VM " + vm, HttpMethod.POST, vmPath(vm, "/status/start"), Map.of(), Map.of()));
    }

    @Override
    public Upid stop(VmRef vm) {
        return task(call("stop of VM " + vm, HttpMethod.POST, vmPath(vm, "/status/stop"), Map.of(), Map.of()));
    }

    @Override
    public Upid shutdown(VmRef vm, int timeoutSeconds) {
        return task(call("shutdown of VM " + vm, HttpMethod.POST, vmPath(vm, "/status/shutdown"),
                params("timeout", String.valueOf(timeoutSeconds)), Map.of()));
    }

    @Override
    public VmState state(VmRef vm) {
        JsonNode data = call("status of VM " + vm, HttpMethod.GET, vmPath(vm, "/status/current"), Map.of(), Map.of());
        return new VmState(data.path("status").asString("unknown"), text(data, "lock"),
                data.path("template").asInt(0) == 1, text(data, "qmpstatus"));
    }

    @Override
    public Upid delete(VmRef vm) {
        return task(call("delete of VM " + vm, HttpMethod.DELETE, vmPath(vm, ""), Map.of(),
                params("purge", "1", "destroy-unreferenced-disks", "1")));
    }

    @Override
    public TaskStatus taskStatus(Upid task) {
        JsonNode data = call("task status of " + task, HttpMethod.GET, taskPath(task, "/status"), Map.of(), Map.of());
        return new TaskStatus(data.path("status").asString(""), text(data, "exitstatus"));
    }

    /** PVE pages the log from its start and says how long it is: ask for the length, then for the tail. */
    @Override
    public List<String> taskLog(Upid task, int lines) {
        String operation = "task log of " + task;
        long total = exchange(operation, HttpMethod.GET, taskPath(task, "/log"), Map.of(), params("start", "0", "limit", "1"))
                .path("total").asLong(0);
        JsonNode data = call(operation, HttpMethod.GET, taskPath(task, "/log"), Map.of(),
                params("start", String.valueOf(Math.max(0, total - lines)), "limit", String.valueOf(lines)));
        List<String> log = new ArrayList<>();
        data.values().forEach(line -> log.add(line.path("t").asString("")));
        return log.subList(Math.max(0, log.size() - lines), log.size());
    }

    @Override
    public List<GuestInterface> guestNetworkInterfaces(VmRef vm) {
        JsonNode data = call("guest agent network query of VM " + vm, HttpMethod.GET,
                vmPath(vm, "/agent/network-get-interfaces"), Map.of(), Map.of());
        List<GuestInterface> interfaces = new ArrayList<>();
        for (JsonNode nic : data.path("result").values()) {
            List<GuestInterface.IpAddress> addresses = new ArrayList<>();
            for (JsonNode ip : nic.path("ip-addresses").values()) {
                addresses.add(new GuestInterface.IpAddress(ip.path("ip-address-type").asString(""),
                        ip.path("ip-address").asString(""), ip.path("prefix").asInt(0)));
            }
            interfaces.add(new GuestInterface(nic.path("name").asString(""), text(nic, "hardware-address"), addresses));
        }
        return interfaces;
    }

    @Override
    public List<ClusterVm> clusterVms() {
        JsonNode data = call("cluster VM listing", HttpMethod.GET, "/cluster/resources", Map.of(), params("type", "vm"));
        List<ClusterVm> vms = new ArrayList<>();
        for (JsonNode vm : data.values()) {
            if (vm.has("vmid")) {
                vms.add(new ClusterVm(vm.path("vmid").asInt(), vm.path("node").asString(""), text(vm, "name"),
                        text(vm, "status"), vm.path("template").asInt(0) == 1));
            }
        }
        return vms;
    }

    private JsonNode call(String operation, HttpMethod method, String path, Map<String, String> form, Map<String, String> query) {
        return exchange(operation, method, path, form, query).path("data");
    }

    /** The whole answer, {@code {"data": ..., "total": ...}}; failures classified. */
    private JsonNode exchange(String operation, HttpMethod method, String path, Map<String, String> form, Map<String, String> query) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromUri(baseUrl).path(path);
        query.forEach(uri::queryParam);
        try {
            RestClient.RequestBodySpec request = rest.method(method)
                    .uri(uri.encode().build().toUri())
                    .header(HttpHeaders.AUTHORIZATION, token.authorizationHeader())
                    .accept(MediaType.APPLICATION_JSON);
            if (method == HttpMethod.POST || method == HttpMethod.PUT) {
                MultiValueMap<String, String> body = new LinkedMultiValueMap<>();
                form.forEach(body::add);
                request.contentType(MediaType.APPLICATION_FORM_URLENCODED).body(body);
            }
            return request.exchange((req, response) -> {
                int status = response.getStatusCode().value();
                byte[] body = response.getBody().readAllBytes();
                if (status >= 200 && status < 300) {
                    return parse(operation, status, body);
                }
                throw ProxmoxFailures.fromResponse(operation, status, response.getStatusText(), body);
            });
        } catch (ResourceAccessException e) {
            throw ProxmoxFailures.fromTransport(operation, e.getCause() instanceof IOException io ? io : e);
        }
    }

    /** Parameters in the order given, so that requests are the same every time. */
    private static Map<String, String> params(String... keysAndValues) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            params.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return params;
    }

    /** A 2xx that is not PVE's JSON (a proxy's page, say) is a failure too, and classified as one. */
    private static JsonNode parse(String operation, int status, byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (RuntimeException notJson) {
            throw ProxmoxFailures.fromResponse(operation, 502, "answer " + status + " was not PVE's JSON", new byte[0]);
        }
    }

    private static Upid task(JsonNode data) {
        return new Upid(data.asString());
    }

    private static String vmPath(VmRef vm, String suffix) {
        return "/nodes/" + vm.node() + "/qemu/" + vm.vmid() + suffix;
    }

    private static String taskPath(Upid task, String suffix) {
        return "/nodes/" + task.node() + "/tasks/" + task.value() + suffix;
    }

    private static @org.jspecify.annotations.Nullable String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}
