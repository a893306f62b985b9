package io.edukit.vmservice.worker.proxmox;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.edukit.vmservice.worker.provisioning.FailureClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.edukit.vmservice.testsupport.Ports;
import java.nio.charset.StandardCharsets;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProxmoxFailuresTest {

    @RegisterExtension
    static WireMockExtension pve = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    /** Real PVE answers, as status | reason phrase | body | class. */
    @ParameterizedTest(name = "{0} {1} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            500 | VM 4101 is locked (clone)                                                        | {"data":null} | TRANSIENT
            500 | VM is locked (clone)                                                             | {"data":null} | TRANSIENT
            500 | unable to create VM 4101: config file already exists                             | {"data":null} | CONFLICT
            500 | can't lock file '/var/lock/qemu-server/lock-4101.conf' - got timeout             | {"data":null} | TRANSIENT
            595 | Errors during connection establishment, proxy handshake: Connection refused      | {"data":null} | TRANSIENT
            596 | Connection timed out                                                             | {"data":null} | TRANSIENT
            599 | Too many redirections                                                            | {"data":null} | TRANSIENT
            500 | got timeout                                                                      | {"data":null} | TRANSIENT
            502 | Bad Gateway                                                                      | {"data":null} | TRANSIENT
            401 | authentication failure                                                           | {"data":null} | PERMANENT
            403 | Permission check failed (/vms/9999, VM.Clone)                                    | {"data":null} | PERMANENT
            500 | missing privileges to access 'local:snippets/vmservice-1.yaml'                    | {"data":null} | PERMANENT
            400 | Parameter verification failed.                                                   | {"data":null,"errors":{"fullclone":"property is not defined in schema and the schema does not allow additional properties"}} | PERMANENT
            400 | Parameter verification failed.                                                   | {"data":null,"errors":{"vmid":"VM 4101 already exists"}} | CONFLICT
            400 | Parameter verification failed.                                                   | {"data":null,"errors":{"storage":"storage 'nope' does not exist"}} | PERMANENT
            500 | unable to create VM 4101 - VM 4101 already exists on node 'pve5'                 | {"data":null} | CONFLICT
            500 | Configuration file 'nodes/pve4/qemu-server/4101.conf' does not exist             | {"data":null} | NOT_FOUND
            500 | storage 'gone' does not exist                                                    | {"data":null} | PERMANENT
            500 | lvcreate 'pve/vm-4101-disk-0' error:   Volume group "pve" has insufficient free space | {"data":null} | PERMANENT
            500 | no space left on device                                                          | {"data":null} | PERMANENT
            501 | Method 'GET /nodes/pve4/qemu/4101/frobnicate' not implemented                    | {"data":null} | PERMANENT
            404 | Not Found                                                                        | {"data":null} | PERMANENT
            """)
    void everyRealAnswerIsClassified(int status, String reason, String body, FailureClass expected) {
        ProxmoxException failure = ProxmoxFailures.fromResponse("test", status, reason, body.getBytes(StandardCharsets.UTF_8));

        assertThat(failure.failureClass()).isEqualTo(expected);
        assertThat(failure.reason()).isEqualTo(reason);
    }

    /** What a node's circuit must not count: answers about one VM's state, not the node's health. */
    @ParameterizedTest(name = "{0} {1} -> about the VM: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            500 | VM 4101 is locked (clone)                                            | true
            500 | can't lock file '/var/lock/qemu-server/lock-4101.conf' - got timeout | true
            500 | QEMU guest agent is not running                                      | true
            500 | VM 4101 is not running                                               | true
            596 | Connection timed out                                                 | false
            500 | got timeout                                                          | false
            """)
    void answersAboutOneVmAreToldFromAnswersAboutTheNode(int status, String reason, boolean aboutTheVm) {
        ProxmoxException failure = ProxmoxFailures.fromResponse("test", status, reason, "{\"data\":null}".getBytes(StandardCharsets.UTF_8));

        assertThat(failure.failureClass()).isEqualTo(FailureClass.TRANSIENT);
        assertThat(failure.aboutTheVm()).isEqualTo(aboutTheVm);
    }

    @Test
    void theReasonPhraseReachesTheError() {
        pve.stubFor(post("/api2/json/nodes/pve4/qemu/4101/status/start")
                .willReturn(aResponse().withStatus(500).withStatusMessage("VM 4101 is locked (clone)").withBody("{\"data\":null}")));

        assertThatThrownBy(() -> client().start(new VmRef("pve4", 4101)))
                .isInstanceOfSatisfying(ProxmoxException.class, e -> {
                    assertThat(e.status()).isEqualTo(500);
                    assertThat(e.reason()).isEqualTo("VM 4101 is locked (clone)");
                    assertThat(e.failureClass()).isEqualTo(FailureClass.TRANSIENT);
                })
                .hasMessage("Proxmox start of VM 4101@pve4 failed: 500 VM 4101 is locked (clone)");
    }

    @Test
    void parameterErrorsAreSurfaced() {
        pve.stubFor(post("/api2/json/nodes/pve4/qemu/9999/clone").willReturn(aResponse().withStatus(400)
                .withStatusMessage("Parameter verification failed.")
                .withBody("{\"data\":null,\"errors\":{\"name\":\"invalid format - value does not look like a valid DNS name\\n\"}}")));

        assertThatThrownBy(() -> client().cloneVm(new CloneRequest(new VmRef("pve4", 9999), 4101, "bad_name", "local-lvm", "m")))
                .isInstanceOfSatisfying(ProxmoxException.class, e -> {
                    assertThat(e.failureClass()).isEqualTo(FailureClass.PERMANENT);
                    assertThat(e.parameterErrors()).containsEntry("name", "invalid format - value does not look like a valid DNS name");
                })
                .hasMessageContaining("400 Parameter verification failed. {name=invalid format");
    }

    @Test
    void anAuthenticationFailureNamesTheFixButNeverTheSecret() {
        pve.stubFor(get("/api2/json/version").willReturn(aResponse().withStatus(401).withStatusMessage("authentication failure")));

        assertThatThrownBy(() -> client().version())
                .hasMessageContaining("check proxmox.token-id and the token secret")
                .satisfies(e -> assertThat(e.toString()).doesNotContain(ProxmoxFixtures.SECRET));
    }

    @Test
    void aRefusedConnectionIsTransient() throws Exception {
        ProxmoxClient client = ProxmoxFixtures.client("http://127.0.0.1:" + Ports.unused() + "/api2/json");

        assertThatThrownBy(client::version)
                .isInstanceOfSatisfying(ProxmoxException.class, e -> {
                    assertThat(e.failureClass()).isEqualTo(FailureClass.TRANSIENT);
                    assertThat(e.status()).isZero();
                })
                .hasMessageContaining("connection refused");
    }

    @Test
    void aReadTimeoutIsTransient() {
        pve.stubFor(get("/api2/json/version").willReturn(okJson("{\"data\":{}}").withFixedDelay(3_000)));

        assertThatThrownBy(() -> client().version())
                .isInstanceOfSatisfying(ProxmoxException.class, e -> assertThat(e.failureClass()).isEqualTo(FailureClass.TRANSIENT))
                .hasMessageContaining("timed out");
    }

    @Test
    void aTwoHundredThatIsNotPvesJsonIsAClassifiedFailure() {
        pve.stubFor(get("/api2/json/version").willReturn(aResponse().withStatus(200).withBody("<html>proxy login</html>")));

        assertThatThrownBy(() -> client().version())
                .isInstanceOfSatisfying(ProxmoxException.class, e -> assertThat(e.failureClass()).isEqualTo(FailureClass.TRANSIENT))
                .hasMessageContaining("was not PVE's JSON");
    }

    @Test
    void aFailedTaskThatFoundNoVmConfigIsNotFoundAndOneThatLostItsStorageIsPermanent() {
        Upid task = new Upid("UPID:pve4:000A1B2C:0012D687:67A1B2C3:qmdestroy:4101:edukit-api-dev@pve!vm-service:");

        assertThat(ProxmoxFailures.fromTaskFailure("delete", task,
                "Configuration file 'nodes/pve4/qemu-server/4101.conf' does not exist").failureClass()).isEqualTo(FailureClass.NOT_FOUND);
        assertThat(ProxmoxFailures.fromTaskFailure("delete", task,
                "storage 'gone' does not exist").failureClass()).isEqualTo(FailureClass.PERMANENT);
    }

    @Test
    void theTokenPrintsWithoutItsSecret() {
        ApiToken token = ApiToken.from(ProxmoxFixtures.TOKEN_ID, ProxmoxFixtures.SECRET, null);

        assertThat(token.toString()).isEqualTo("ApiToken[edukit-api-dev@pve!vm-service=***]");
        assertThat(ProxmoxFixtures.properties("https://pve", true, null).toString()).doesNotContain(ProxmoxFixtures.SECRET);
    }

    private static ProxmoxClient client() {
        return ProxmoxFixtures.client(pve.baseUrl() + "/api2/json");
    }
}
