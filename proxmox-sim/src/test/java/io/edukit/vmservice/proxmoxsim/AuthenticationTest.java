package io.edukit.vmservice.proxmoxsim;

import static org.assertj.core.api.Assertions.assertThat;

import io.edukit.vmservice.proxmoxsim.testing.PveClient;
import io.edukit.vmservice.proxmoxsim.testing.PveResponse;
import io.edukit.vmservice.proxmoxsim.testing.SimulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AuthenticationTest {

    @RegisterExtension
    static final SimulatorExtension pve = SimulatorExtension.instant();

    @Test
    void aValidTokenReadsTheVersion() {
        PveResponse response = pve.api().get("/version");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.data().path("release").asString()).isEqualTo("9.1");
        assertThat(response.data().path("version").asString()).startsWith("9.1.");
        assertThat(response.data().path("repoid").asString()).matches("[0-9a-f]{8,64}");
    }

    @Test
    void aRequestWithoutTokenIsRejectedWithNoTicket() {
        PveResponse response = pve.api().withAuthorization(null).raw("GET", "/version");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.reason()).isEqualTo("No ticket");
        assertThat(response.json().has("data")).isTrue();
        assertThat(response.data().isNull()).isTrue();
    }

    @Test
    void aWrongSecretIsRejected() {
        PveResponse response = pve.api().withAuthorization("PVEAPIToken=" + pve.sim().tokenId() + "=not-the-secret").raw("GET", "/version");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.reason()).isEqualTo("invalid token value!");
    }

    @Test
    void anUnknownTokenNameIsRejectedNamingIt() {
        PveResponse response = pve.api().withAuthorization("PVEAPIToken=edukit-api-dev@pve!other=" + pve.sim().tokenSecret())
                .raw("GET", "/version");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.reason()).isEqualTo("no such token 'other' for user 'edukit-api-dev@pve'");
    }

    @Test
    void aBearerHeaderIsNotAToken() {
        PveResponse response = pve.api().withAuthorization("Bearer " + pve.sim().tokenSecret()).raw("GET", "/version");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.reason()).isEqualTo("No ticket");
    }

    @Test
    void theGeneratedSecretIsARandomUuidUnlessGiven() {
        assertThat(pve.sim().tokenSecret()).matches("[0-9a-f-]{36}");
        try (ProxmoxSimulator other = ProxmoxSimulator.start(SimulatorSettings.instant().toBuilder().tokenSecret("s3cret").build())) {
            assertThat(other.tokenSecret()).isEqualTo("s3cret");
            assertThat(PveClient.of(other).get("/version").status()).isEqualTo(200);
        }
    }

    @Test
    void anUnknownPathIsNotImplemented() {
        PveResponse response = pve.api().raw("GET", "/nodes/pve4/lxc");

        assertThat(response.status()).isEqualTo(501);
        assertThat(response.reason()).isEqualTo("Method 'GET /nodes/pve4/lxc' not implemented");
    }
}
