package io.edukit.vmservice.worker.proxmox;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every request the client can build, checked against the official PVE API schema of both
 * versions a lab may run (8.4 and 9.1): the paths exist, every parameter is defined and valid,
 * and every required one is given.
 */
class ProxmoxApiConformanceTest {

    static final String UPID = "UPID:pve4:000A1B2C:0012D687:67A1B2C3:qmclone:9999:edukit-api-dev@pve!vm-service:";
    static final VmRef VM = new VmRef("pve4", 4101);

    @RegisterExtension
    static WireMockExtension pve = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static List<PveApiSchema> schemas;

    @BeforeAll
    static void loadSchemas() throws Exception {
        Path reference = Path.of(System.getProperty("vmservice.pve-reference", "../../shared/reference"));
        assertThat(reference.resolve("pve-apidata.json")).as("the official schema, ../shared/reference beside the repository").exists();
        schemas = List.of(
                PveApiSchema.load(reference.resolve("pve-apidata-8.4.json"), "8.4"),
                PveApiSchema.load(reference.resolve("pve-apidata.json"), "9.1"));
    }

    static Stream<Map.Entry<String, Consumer<ProxmoxClient>>> everyCall() {
        Map<String, Consumer<ProxmoxClient>> calls = new LinkedHashMap<>();
        calls.put("version", ProxmoxClient::version);
        calls.put("isVmidFree", client -> client.isVmidFree(4101));
        calls.put("cloneVm", client -> client.cloneVm(new CloneRequest(new VmRef("pve4", 9999), 4101, "ws-alice-01.lab",
                "local-lvm", "EduKit VM 5f0c8a9e-2b1d-3f4a-8c7e-6d5b4a3c2b1a (vmservice-id=5f0c8a9e-2b1d-3f4a-8c7e-6d5b4a3c2b1a)")));
        calls.put("config", client -> client.config(VM));
        ConfigChange everything = new ConfigChange("ws-alice-01", 2, 2048, "user=local:snippets/vm-4101.yaml", "ip=dhcp",
                List.of("edukit", "course-net-101", "owner_alice"), true, "EduKit VM");
        calls.put("updateConfig", client -> client.updateConfig(VM, everything));
        calls.put("setConfig", client -> client.setConfig(VM, everything));
        calls.put("resizeDisk", client -> client.resizeDisk(VM, "scsi0", 20));
        calls.put("start", client -> client.start(VM));
        calls.put("stop", client -> client.stop(VM));
        calls.put("shutdown", client -> client.shutdown(VM, 120));
        calls.put("state", client -> client.state(VM));
        calls.put("delete", client -> client.delete(VM));
        calls.put("taskStatus", client -> client.taskStatus(new Upid(UPID)));
        calls.put("taskLog", client -> client.taskLog(new Upid(UPID), 5));
        calls.put("guestNetworkInterfaces", client -> client.guestNetworkInterfaces(VM));
        calls.put("clusterVms", ProxmoxClient::clusterVms);
        return calls.entrySet().stream();
    }

    @Test
    void theCheckCoversEveryCallOfTheClient() {
        long publicCalls = Stream.of(ProxmoxClient.class.getDeclaredMethods()).filter(m -> !m.isDefault()).count();

        assertThat(everyCall()).hasSize((int) publicCalls);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyCall")
    void everyRequestConformsToBothSchemaVersions(Map.Entry<String, Consumer<ProxmoxClient>> call) {
        pve.resetAll();
        pve.stubFor(any(anyUrl()).willReturn(okJson("{\"data\":\"" + UPID + "\"}")));
        ProxmoxClient client = ProxmoxFixtures.client(pve.baseUrl() + "/api2/json");

        try {
            call.getValue().accept(client);
        } catch (RuntimeException answerNotUnderstood) {
            // the catch-all answer does not fit every call; only the request matters here
        }

        List<LoggedRequest> requests = pve.findAll(anyRequestedFor(anyUrl()));
        assertThat(requests).isNotEmpty();
        for (LoggedRequest request : requests) {
            for (PveApiSchema schema : schemas) {
                assertThat(schema.violations(request.getMethod().getName(), apiPath(request), parameters(request)))
                        .as("%s %s against %s", request.getMethod(), request.getUrl(), schema).isEmpty();
            }
        }
    }

    @Test
    void aTypoedParameterFailsTheCheck() {
        for (PveApiSchema schema : schemas) {
            assertThat(schema.violations("POST", "/nodes/pve4/qemu/9999/clone",
                    Map.of("newid", "4101", "fullclone", "1")))
                    .containsExactly("fullclone: property is not defined in schema");
        }
    }

    @Test
    void aMissingRequiredParameterAndABadValueFailTheCheck() {
        PveApiSchema pve9 = schemas.getLast();

        assertThat(pve9.violations("PUT", "/nodes/pve4/qemu/4101/resize", Map.of("size", "twenty")))
                .containsExactlyInAnyOrder("size: value does not match the regex pattern \\+?\\d+(\\.\\d+)?[KMGT]?",
                        "disk: property is missing and it is not optional");
        assertThat(pve9.violations("POST", "/nodes/pve4/qemu/9999/clone", Map.of("newid", "42")))
                .containsExactly("newid: value must have a minimum value of 100");
        assertThat(pve9.violations("POST", "/nodes/pve4/qemu/4101/config", Map.of("agent", "enabled=1,turbo=1")))
                .containsExactly("agent: 'turbo=1' names no key of its property string");
    }

    private static String apiPath(LoggedRequest request) {
        String path = request.getUrl().split("\\?")[0];
        return URLDecoder.decode(path.substring("/api2/json".length()), StandardCharsets.UTF_8);
    }

    private static Map<String, String> parameters(LoggedRequest request) {
        Map<String, String> parameters = new LinkedHashMap<>();
        List<String> pairs = new ArrayList<>();
        String url = request.getUrl();
        if (url.contains("?")) {
            pairs.addAll(List.of(url.substring(url.indexOf('?') + 1).split("&")));
        }
        String body = request.getBodyAsString();
        if (!body.isEmpty()) {
            pairs.addAll(List.of(body.split("&")));
        }
        for (String pair : pairs) {
            String[] keyValue = pair.split("=", 2);
            parameters.put(URLDecoder.decode(keyValue[0], StandardCharsets.UTF_8),
                    URLDecoder.decode(keyValue.length > 1 ? keyValue[1] : "", StandardCharsets.UTF_8));
        }
        return parameters;
    }

}
