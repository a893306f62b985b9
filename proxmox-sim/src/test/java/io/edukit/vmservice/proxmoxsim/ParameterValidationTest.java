package io.edukit.vmservice.proxmoxsim;

import static org.assertj.core.api.Assertions.assertThat;

import io.edukit.vmservice.proxmoxsim.testing.PveClient;
import io.edukit.vmservice.proxmoxsim.testing.PveResponse;
import io.edukit.vmservice.proxmoxsim.testing.SimulatorExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Parameters are verified against the official schema with PVE's messages, before anything happens. */
class ParameterValidationTest {

    private static final String NOT_DEFINED =
            "property is not defined in schema and the schema does not allow additional properties";

    @RegisterExtension
    static final SimulatorExtension pve = SimulatorExtension.instant();

    @BeforeAll
    static void cloneVm400() {
        pve.api().awaitTask(pve.api().post("/nodes/pve4/qemu/9999/clone", "newid", "400", "full", "1").upid());
    }

    @Test
    void anUnknownParameterIsRejectedWithTheErrorsMap() {
        PveResponse rejected = pve.api().raw("POST", "/nodes/pve4/qemu/9999/clone", "newid", "401", "fullclone", "1");

        assertThat(rejected.status()).isEqualTo(400);
        assertThat(rejected.reason()).isEqualTo("Parameter verification failed.");
        assertThat(rejected.error("fullclone")).isEqualTo(NOT_DEFINED);
        assertThat(rejected.data().isNull()).isTrue();
        assertThat(pve.sim().vmids()).doesNotContain(401);

        PveResponse accepted = pve.api().raw("POST", "/nodes/pve4/qemu/9999/clone", "newid", "401", "full", "1");
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(accepted.reason()).isEqualTo("OK");
        pve.api().awaitTask(accepted.upid());
    }

    @Test
    void typesRangesAndRequiredParametersAreChecked() {
        PveResponse response = pve.api().post("/nodes/pve4/qemu/9999/clone", "newid", "99", "full", "true", "bwlimit", "abc");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.error("newid")).isEqualTo("invalid format - value does not look like a valid VM ID\n");
        assertThat(response.error("full")).isEqualTo("type check ('boolean') failed - got 'true'");
        assertThat(response.error("bwlimit")).isEqualTo("type check ('integer') failed - got 'abc'");

        PveResponse range = pve.api().post("/nodes/pve4/qemu/400/config", "cores", "0", "background_delay", "31");
        assertThat(range.error("cores")).isEqualTo("value must have a minimum value of 1");
        assertThat(range.error("background_delay")).isEqualTo("value must have a maximum value of 30");

        PveResponse missing = pve.api().post("/nodes/pve4/qemu/9999/clone", "full", "1");
        assertThat(missing.error("newid")).isEqualTo("property is missing and it is not optional");
    }

    @Test
    void pathParametersAreVerifiedToo() {
        PveResponse response = pve.api().get("/nodes/pve4/qemu/abc/config");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.error("vmid")).isEqualTo("type check ('integer') failed - got 'abc'");
    }

    @Test
    void enumerationsAndFormatsGivePvesMessages() {
        PveResponse response = pve.api().post("/nodes/pve4/qemu/400/config", "ostype", "linux", "name", "bad_name!",
                "tags", "ok;not ok!");

        assertThat(response.error("ostype")).isEqualTo("value 'linux' does not have a value in the enumeration "
                + "'other, wxp, w2k, w2k3, w2k8, wvista, win7, win8, win10, win11, l24, l26, solaris'");
        assertThat(response.error("name")).isEqualTo("invalid format - value does not look like a valid DNS name\n");
        assertThat(response.error("tags")).isEqualTo("invalid format - invalid characters in tag\n");
    }

    @Test
    void propertyStringsAreVerifiedPartByPart() {
        PveResponse response = pve.api().post("/nodes/pve4/qemu/400/config",
                "net0", "virtio,bridge=vmbr 0",
                "ipconfig0", "ip=10.0.0.5",
                "agent", "enabled=1,trim=1",
                "net1", "virtio=01:23:45:67:89:AB,bridge=vmbr0");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.error("net0")).isEqualTo("invalid format - format error\nnet0.bridge: invalid format - invalid bridge ID 'vmbr 0'\n\n");
        assertThat(response.error("ipconfig0")).isEqualTo(
                "invalid format - format error\nipconfig0.ip: invalid format - value does not look like a valid ipv4 network configuration\n\n");
        assertThat(response.error("agent")).isEqualTo("invalid format - invalid key in comma-separated list property: trim\n");
        assertThat(response.error("net1")).isEqualTo(
                "invalid format - format error\nnet1.macaddr: invalid format - value does not look like a valid unicast MAC address\n\n");
    }

    @Test
    void validPropertyStringsPassAndANetWithoutMacGetsOne() {
        PveResponse response = pve.api().put("/nodes/pve4/qemu/400/config",
                "net1", "virtio,bridge=vmbr0,firewall=1",
                "ipconfig0", "ip=10.20.30.40/24,gw=10.20.30.1",
                "agent", "1",
                "sshkeys", "ssh-ed25519%20AAAAC3NzaC1lZDI1NTE5AAAAIBx%20alice%40laptop");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.data().isNull()).isTrue();
        assertThat(pve.api().get("/nodes/pve4/qemu/400/config").data().path("net1").asString())
                .matches("virtio=BC:24:11:[0-9A-F:]{8},bridge=vmbr0,firewall=1");
    }

    @Test
    void sshKeysMustBeUrlEncodedBeforeTransport() {
        PveResponse response = pve.api().post("/nodes/pve4/qemu/400/config", "sshkeys", "ssh-ed25519 AAAAC3 alice@laptop");

        assertThat(response.error("sshkeys")).isEqualTo("invalid format - invalid urlencoded string: ssh-ed25519 AAAAC3 alice@laptop\n");
    }

    @Test
    void indexedOptionsStopWherePveStops() {
        assertThat(pve.api().post("/nodes/pve4/qemu/400/config", "scsi31", "local-lvm:1").error("scsi31")).isEqualTo(NOT_DEFINED);
        assertThat(pve.api().post("/nodes/pve4/qemu/400/config", "net32", "virtio,bridge=vmbr0").error("net32")).isEqualTo(NOT_DEFINED);
    }

    @Test
    void deletingAnUnknownOptionIsRefused() {
        PveResponse response = pve.api().post("/nodes/pve4/qemu/400/config", "delete", "cores,flux");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.error("delete")).isEqualTo("unknown option 'flux'");
    }

    @Test
    void theRequestedReleaseDecidesWhichParametersExist() {
        try (ProxmoxSimulator pve8 = ProxmoxSimulator.start(SimulatorSettings.instant().toBuilder().apiVersion(ApiVersion.PVE8).build())) {
            PveClient api8 = PveClient.of(pve8);
            PveResponse rejected = api8.raw("PUT", "/nodes/pve4/qemu/9999/config", "allow-ksm", "0");

            assertThat(rejected.status()).isEqualTo(400);
            assertThat(rejected.error("allow-ksm")).isEqualTo(NOT_DEFINED);
            assertThat(rejected.json().has("message")).isFalse();
            assertThat(api8.get("/version").data().path("release").asString()).isEqualTo("8.4");
        }
        assertThat(pve.api().put("/nodes/pve4/qemu/400/config", "allow-ksm", "0").status()).isEqualTo(200);
    }

    @Test
    void aNodeOutsideTheClusterCannotBeResolved() {
        PveResponse response = pve.api().raw("GET", "/nodes/pve9/qemu");

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.reason()).isEqualTo("hostname lookup 'pve9' failed - failed to get address info for: pve9: Name or service not known");
    }
}
