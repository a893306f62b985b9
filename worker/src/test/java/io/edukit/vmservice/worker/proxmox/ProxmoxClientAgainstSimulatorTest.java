package io.edukit.vmservice.worker.proxmox;

import io.edukit.vmservice.proxmoxsim.LatencyModel;
import io.edukit.vmservice.proxmoxsim.ProxmoxSimulator;
import io.edukit.vmservice.proxmoxsim.SimulatorSettings;
import io.edukit.vmservice.worker.environment.DeploymentEnvironment;
import io.edukit.vmservice.worker.provisioning.FailureClass;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The client against the Proxmox simulator over real HTTPS, its self-signed certificate trusted
 * through proxmox.ca-cert with verification on: a VM's whole life, and the refusals PVE makes.
 * The two were written apart from the same schema; here each checks the other.
 */
class ProxmoxClientAgainstSimulatorTest {

    static final VmRef TEMPLATE = new VmRef("pve4", 9999);

    @TempDir
    static Path directory;
    static ProxmoxSimulator simulator;
    static ProxmoxClient client;
    static TaskWaiter tasks;

    @BeforeAll
    static void start() {
        simulator = ProxmoxSimulator.start(SimulatorSettings.instant().toBuilder()
                // Long enough that the config change made right after the clone call meets it locked, even on a busy machine.
                .latency(LatencyModel.zero().withClone(Duration.ofSeconds(2), Duration.ZERO))
                .agentDelay(Duration.ofMillis(300))
                .build());
        Path certificate = directory.resolve("pve.pem");
        simulator.writeCertificate(certificate);
        ProxmoxProperties properties = new ProxmoxProperties(URI.create(simulator.baseUrl()), simulator.tokenId(),
                simulator.tokenSecret(), null, true, certificate, Duration.ofSeconds(2), Duration.ofSeconds(5), 8,
                Duration.ofSeconds(30), Duration.ofMillis(20), Duration.ofMillis(200));
        client = ProxmoxFixtures.client(properties, DeploymentEnvironment.PRODUCTION);
        tasks = new TaskWaiter(client, Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofSeconds(30), pause -> Thread.sleep(pause));
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void theSeededTemplatePassesInspection() {
        assertThat(new TemplateInspector(client).inspect(TEMPLATE).problems()).isEmpty();
        assertThat(client.version().version()).startsWith("9.");
    }

    @Test
    void aVmIsClonedLockedConfiguredResizedStartedReadAndDestroyed() throws Exception {
        VmRef vm = new VmRef("pve4", 4101);
        assertThat(client.isVmidFree(4101)).isTrue();

        Upid clone = client.cloneVm(new CloneRequest(TEMPLATE, 4101, "ws-alice-01", "local-lvm", "vmservice-id=abc"));
        assertThatThrownBy(() -> client.updateConfig(vm, new ConfigChange(null, 2, null, null, null, null, null, null)))
                .as("a fresh clone is locked until its task ends")
                .isInstanceOfSatisfying(ProxmoxException.class, e -> assertThat(e.failureClass()).isEqualTo(FailureClass.TRANSIENT))
                .hasMessageContaining("locked");
        tasks.await(clone, "clone");
        assertThat(client.isVmidFree(4101)).isFalse();
        VmConfig config = client.config(vm);
        assertThat(config.name()).isEqualTo("ws-alice-01");
        assertThat(config.description()).contains("vmservice-id=abc");
        assertThat(config.template()).isFalse();
        assertThat(config.lock()).isNull();

        tasks.await(client.updateConfig(vm, new ConfigChange("ws-alice-01", 2, 2048, "user=local:snippets/vm-4101.yaml",
                "ip=dhcp", List.of("edukit", "course-net-101"), true, null)), "config");
        tasks.await(client.resizeDisk(vm, "scsi0", 20), "resize");
        assertThat(client.config(vm).scsi0SizeGb()).contains(20L);
        assertThat(client.config(vm).cores()).isEqualTo(2);

        assertThatThrownBy(() -> tasks.await(client.start(vm), "start"))
                .as("the snippet named by cicustom must exist when the VM starts")
                .hasMessageContaining("vm-4101.yaml");
        Files.writeString(simulator.snippetsDirectory().resolve("vm-4101.yaml"), "#cloud-config\nhostname: ws-alice-01\n");
        tasks.await(client.start(vm), "start");
        assertThat(client.state(vm).running()).isTrue();
        assertThatThrownBy(() -> tasks.await(client.delete(vm), "delete")).as("a running VM cannot be destroyed")
                .hasMessageContaining("running");

        String mac = client.config(vm).net0Mac().orElseThrow();
        await().atMost(Duration.ofSeconds(10)).ignoreExceptionsInstanceOf(ProxmoxException.class).untilAsserted(() ->
                assertThat(client.guestNetworkInterfaces(vm)).anySatisfy(nic -> {
                    assertThat(nic.macAddress()).isEqualToIgnoringCase(mac);
                    assertThat(nic.addresses()).anySatisfy(ip -> assertThat(ip.type()).isEqualTo("ipv4"));
                }));
        assertThat(client.clusterVms()).anySatisfy(listed -> assertThat(listed.vmid()).isEqualTo(4101));

        tasks.await(client.stop(vm), "stop");
        tasks.await(client.delete(vm), "delete");
        assertThatThrownBy(() -> client.config(vm))
                .isInstanceOfSatisfying(ProxmoxException.class, e -> assertThat(e.failureClass()).isEqualTo(FailureClass.NOT_FOUND));
    }

    @Test
    void pveRefusalsArriveClassified() throws Exception {
        VmRef vm = new VmRef("pve4", 4102);
        tasks.await(client.cloneVm(new CloneRequest(TEMPLATE, 4102, "ws-bob-01", "local-lvm", "vmservice-id=def")), "clone");

        assertThatThrownBy(() -> client.cloneVm(new CloneRequest(TEMPLATE, 4102, "ws-bob-02", "local-lvm", "x")))
                .isInstanceOfSatisfying(ProxmoxException.class, e -> assertThat(e.failureClass()).isEqualTo(FailureClass.CONFLICT));
        tasks.await(client.resizeDisk(vm, "scsi0", 10), "resize");
        assertThatThrownBy(() -> tasks.await(client.resizeDisk(vm, "scsi0", 4), "shrink"))
                .hasMessageContaining("shrinking");
        assertThatThrownBy(() -> tasks.await(client.start(TEMPLATE), "start template"))
                .hasMessageContaining("template");
    }
}
