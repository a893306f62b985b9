package io.edukit.vmservice.proxmoxsim;

import static org.assertj.core.api.Assertions.assertThat;

import io.edukit.vmservice.proxmoxsim.testing.PveClient;
import io.edukit.vmservice.proxmoxsim.testing.PveResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AuthenticationTest {

    private static ProxmoxSimulator sim;
    private static PveClient api;

    @BeforeAll
    static void start() {
        sim = ProxmoxSimulator.start(SimulatorSettings.instant());
        api = PveClient.of(sim);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void aValidTokenReadsTheVersion() {
        PveResponse response = api.get("/version");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.data().path("release").asString()).isEqualTo("9.1");
        assertThat(response.data().path("version").asString()).startsWith("9.1.");
        assertThat(response.data().path("repoid").asString()).matches("[0-9a-f]{8,64}");
    }

    @Test
    void aRequestWithoutTokenIsRejectedWithNoTicket() {
        PveResponse response = api.withAuthorization(null).raw("GET", "/version");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.reason()).isEqualTo("No ticket");
        assertThat(response.json().has("data")).isTrue();
        assertThat(response.data().isNull()).isTrue();
    }

    @Test
    void aWrongSecretIsRejected() {
        PveResponse response = api.withAuthorization("PVEAPIToken=" + sim.tokenId() + "=not-the-secret").raw("GET", "/version");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.reason()).isEqualTo("invalid token value!");
    }

    @Test
    void anUnknownTokenNameIsRejectedNamingIt() {
        PveResponse response = api.withAuthorization("PVEAPIToken=edukit-api-dev@pve!other=" + sim.tokenSecret())
                .raw("GET", "/version");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.reason()).isEqualTo("no such token 'other' for user 'edukit-api-dev@pve'");
    }

    @Test
    void aBearerHeaderIsNotAToken() {
        PveResponse response = api.withAuthorization("Bearer " + sim.tokenSecret()).raw("GET", "/version");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.reason()).isEqualTo("No ticket");
    }

    @Test
    void theGeneratedSecretIsARandomUuidUnlessGiven() {
        assertThat(sim.tokenSecret()).matches("[0-9a-f-]{36}");
        try (ProxmoxSimulator other = ProxmoxSimulator.start(SimulatorSettings.instant().toBuilder().tokenSecret("s3cret").build())) {
            assertThat(other.tokenSecret()).isEqualTo("s3cret");
            assertThat(PveClient.of(other).get("/version").status()).isEqualTo(200);
        }
    }

    @Test
    void anUnknownPathIsNotImplemented() {
        PveResponse response = api.raw("GET", "/nodes/pve4/lxc");

        assertThat(response.status()).isEqualTo(501);
        assertThat(response.reason()).isEqualTo("Method 'GET /nodes/pve4/lxc' not implemented");
    }
}
