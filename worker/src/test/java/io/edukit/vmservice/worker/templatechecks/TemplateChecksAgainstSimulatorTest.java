package io.edukit.vmservice.worker.templatechecks;

import io.edukit.vmservice.proxmoxsim.SimulatorSettings;
import io.edukit.vmservice.proxmoxsim.TemplateSpec;
import io.edukit.vmservice.worker.catalog.ImagePlacement;
import io.edukit.vmservice.worker.catalog.OsImage;
import io.edukit.vmservice.worker.catalog.OsImages;
import io.edukit.vmservice.worker.proxmox.ConfigChange;
import io.edukit.vmservice.worker.proxmox.ProxmoxClient;
import io.edukit.vmservice.worker.proxmox.VmRef;
import io.edukit.vmservice.worker.support.WorkerTest;
import io.edukit.vmservice.worker.workflow.SimulatedNode;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Template checks as OPS ask for them through the API — a row in {@code template_check} — worked
 * off by the worker against the simulated node over HTTPS, and the catalog as they leave it.
 */
@WorkerTest
class TemplateChecksAgainstSimulatorTest {

    static final String REPLICA = "checker-1";
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final SimulatedNode node = SimulatedNode.start(SimulatorSettings.instant());

    @DynamicPropertySource
    static void pointTheWorkerAtTheNode(DynamicPropertyRegistry registry) {
        node.configure(registry);
        // Only a replica that runs steps talks to the nodes, and so takes template checks.
        registry.add("vmservice.executor.enabled", () -> "true");
        registry.add("vmservice.template-checks.poll-interval", () -> "50ms");
        registry.add("vmservice.executor.worker-id", () -> REPLICA);
    }

    @AfterAll
    static void stopNode() {
        node.close();
    }

    @Autowired
    JdbcClient jdbc;
    @Autowired
    OsImages images;
    @Autowired
    @Qualifier("proxmoxClient")
    ProxmoxClient proxmox;

    @Test
    void aFitTemplateIsCheckedAndItsImageAddedWithItsPlacement() {
        node.simulator().installTemplate(TemplateSpec.of(9998, "ubuntu-24.04-cloud", "pve4"));

        UUID id = ask("ADD", "ubuntu-24.04", proposal("ubuntu-24.04", 9998, ""));
        Map<String, Object> check = awaitCompleted(id);

        assertThat(check).containsEntry("verdict", "PASSED").containsEntry("applied", true).containsEntry("claimed_by", REPLICA);
        JsonNode result = results(check).get(0);
        assertThat(results(check).size()).isOne();
        assertThat(result.get("image").asString()).isEqualTo("ubuntu-24.04");
        assertThat(result.get("node").asString()).isEqualTo("pve4");
        assertThat(result.get("templateVmid").asInt()).isEqualTo(9998);
        assertThat(result.get("storage").asString()).isEqualTo("local-lvm");
        assertThat(result.get("ok").asBoolean()).isTrue();
        assertThat(result.get("problems").values()).isEmpty();
        assertThat(images.findActive("ubuntu-24.04")).hasValue(new OsImage("ubuntu-24.04", "9998", "pve4", "local-lvm", 8, 1024));
        assertThat(images.placementsOf("ubuntu-24.04")).containsExactly(new ImagePlacement("ubuntu-24.04", "pve4", 9998, "local-lvm"));
        assertThat(jdbc.sql("select architecture || ' / ' || description from os_image where name = 'ubuntu-24.04'")
                .query(String.class).single()).isEqualTo("x86_64 / Ubuntu 24.04 LTS");
    }

    @Test
    void aTemplateWithoutItsGuestAgentIsRefusedWithTheInspectorsReasonAndNothingIsAdded() {
        node.simulator().installTemplate(TemplateSpec.of(9997, "rocky-9-cloud", "pve4"));
        proxmox.setConfig(new VmRef("pve4", 9997), new ConfigChange(null, null, null, null, null, null, false, null));

        Map<String, Object> check = awaitCompleted(ask("ADD", "rocky-9", proposal("rocky-9", 9997, "")));

        assertThat(check).containsEntry("verdict", "FAILED").containsEntry("applied", false);
        assertThat(results(check).get(0).get("ok").asBoolean()).isFalse();
        assertThat(problems(check)).containsExactly(
                "the QEMU guest agent is not enabled: run 'qm set 9997 --agent enabled=1,fstrim_cloned_disks=1'");
        assertThat(catalogRows("rocky-9")).isZero();
    }

    @Test
    void aTemplateVmidThatDoesNotExistIsRefusedAndNothingIsAdded() {
        Map<String, Object> check = awaitCompleted(ask("ADD", "fedora-41", proposal("fedora-41", 9990, "")));

        assertThat(check).containsEntry("verdict", "FAILED").containsEntry("applied", false);
        assertThat(problems(check)).containsExactly("template 9990 does not exist on node pve4: was it deleted or renumbered? "
                + "Point the OS image at the right VMID");
        assertThat(catalogRows("fedora-41")).isZero();
    }

    @Test
    void anUpdateWithACopyOnANodeThatDoesNotAnswerIsRefusedAndTheImageStaysAsItWas() {
        node.simulator().installTemplate(TemplateSpec.of(9996, "alma-9-cloud", "pve4"));
        inCatalog("alma-9", 9996, true);

        Map<String, Object> check = awaitCompleted(ask("UPDATE", "alma-9", proposal("alma-9", 9996,
                ",\"placements\":[{\"node\":\"pve5\",\"proxmoxTemplateId\":\"9896\",\"storage\":\"local-lvm\"}]")));

        assertThat(check).containsEntry("verdict", "FAILED").containsEntry("applied", false);
        assertThat(results(check).values()).extracting(r -> r.get("node").asString() + " " + r.get("ok").asBoolean())
                .containsExactly("pve4 true", "pve5 false");
        assertThat(results(check).get(1).get("problems").get(0).asString())
                .startsWith("cannot read the template's config: ").contains("pve5");
        assertThat(images.placementsOf("alma-9")).containsExactly(new ImagePlacement("alma-9", "pve4", 9996, "local-lvm"));
        assertThat(images.findActive("alma-9").orElseThrow().minDiskSizeGb()).as("the proposed minimums were not applied").isEqualTo(4);
    }

    @Test
    void anUpdateOntoAnotherFitTemplateReplacesTheImageAndItsPlacements() {
        node.simulator().installTemplate(TemplateSpec.of(9995, "arch-cloud", "pve4"));
        node.simulator().installTemplate(TemplateSpec.of(9994, "arch-cloud-2", "pve4"));
        inCatalog("arch", 9995, false);

        Map<String, Object> check = awaitCompleted(ask("UPDATE", "arch", proposal("arch", 9994, "")));

        assertThat(check).containsEntry("verdict", "PASSED").containsEntry("applied", true);
        assertThat(images.placementsOf("arch")).containsExactly(new ImagePlacement("arch", "pve4", 9994, "local-lvm"));
        assertThat(images.findActive("arch")).as("an update leaves an inactive image inactive").isEmpty();
        assertThat(jdbc.sql("select proxmox_template_id from os_image where name = 'arch'").query(String.class).single())
                .isEqualTo("9994");
    }

    @Test
    void verifyingEveryActiveImageReportsEachOfItsPlacementsAndChangesNothing() {
        Map<String, Object> check = awaitCompleted(ask("VERIFY", null, null));

        assertThat(check).containsEntry("applied", false);
        assertThat(results(check).values()).anySatisfy(result -> {
            assertThat(result.get("image").asString()).isEqualTo("debian-12");
            assertThat(result.get("templateVmid").asInt()).isEqualTo(9999);
            assertThat(result.get("ok").asBoolean()).isTrue();
        });
        assertThat(results(check).values()).extracting(r -> r.get("image").asString())
                .containsExactlyInAnyOrderElementsOf(images.placements().stream().map(ImagePlacement::osImage).toList());
    }

    @Test
    void aTemplateDeletedFromTheNodeFailsTheVerificationOfItsImage() {
        node.simulator().installTemplate(TemplateSpec.of(9993, "gentoo-cloud", "pve4"));
        inCatalog("gentoo", 9993, false);
        assertThat(awaitCompleted(ask("VERIFY", "gentoo", null))).containsEntry("verdict", "PASSED");

        node.simulator().removeVm(9993);
        Map<String, Object> check = awaitCompleted(ask("VERIFY", "gentoo", null));

        assertThat(check).containsEntry("verdict", "FAILED");
        assertThat(problems(check)).singleElement().asString().startsWith("template 9993 does not exist on node pve4");
    }

    @Test
    void anImageIsActivatedOnlyOnceItsTemplatePasses() {
        node.simulator().installTemplate(TemplateSpec.of(9992, "opensuse-cloud", "pve4").withoutCloudInitDrive());
        inCatalog("opensuse", 9992, false);

        Map<String, Object> refused = awaitCompleted(ask("ACTIVATE", "opensuse", null));
        assertThat(refused).containsEntry("verdict", "FAILED").containsEntry("applied", false);
        assertThat(problems(refused)).containsExactly("there is no cloud-init drive on ide2: run 'qm set 9992 --ide2 <storage>:cloudinit'");
        assertThat(images.findActive("opensuse")).isEmpty();

        node.simulator().removeVm(9992);
        node.simulator().installTemplate(TemplateSpec.of(9992, "opensuse-cloud", "pve4"));
        Map<String, Object> activated = awaitCompleted(ask("ACTIVATE", "opensuse", null));

        assertThat(activated).containsEntry("verdict", "PASSED").containsEntry("applied", true);
        assertThat(images.findActive("opensuse")).isPresent();
        assertThat(jdbc.sql("select deactivated_at from os_image where name = 'opensuse'").query(Instant.class).optional())
                .as("no longer deactivated").isEmpty();
    }

    @Test
    void aCheckClaimedByAWorkerThatDiedIsTakenOverOnceItsClaimExpires() {
        // Written claimed in one statement: a check first written open could be claimed by the live
        // replica before the dead one's claim is put on it.
        UUID id = UUID.randomUUID();
        Instant expiry = jdbc.sql("""
                        insert into template_check (id, purpose, os_image, requested_by, claimed_by, claim_expires_at)
                        values (?, 'VERIFY', 'debian-12', 'ops-oscar', 'dead-replica', now() + interval '2 seconds')
                        returning claim_expires_at""")
                .param(id).query(Instant.class).single();

        Map<String, Object> check = awaitCompleted(id);

        assertThat(check).containsEntry("verdict", "PASSED").containsEntry("claimed_by", REPLICA);
        assertThat(((java.sql.Timestamp) check.get("completed_at")).toInstant()).as("not before the dead replica's claim ran out")
                .isAfterOrEqualTo(expiry);
    }

    /** Asks for a check as the API does: a row nobody has claimed. */
    private UUID ask(String purpose, @Nullable String image, @Nullable String proposed) {
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into template_check (id, purpose, os_image, proposed, requested_by) values (?, ?, ?, ?::jsonb, 'ops-oscar')")
                .params(id, purpose, image, proposed).update();
        return id;
    }

    /** An image as the API writes it into proposed, with {@code more} members appended. */
    private static String proposal(String name, int vmid, String more) {
        return """
                {"name":"%s","proxmoxTemplateId":"%d","node":"pve4","storage":"local-lvm","architecture":"x86_64",
                 "minDiskSizeGb":8,"minRamMb":1024,"description":"Ubuntu 24.04 LTS"%s}""".formatted(name, vmid, more);
    }

    private Map<String, Object> awaitCompleted(UUID id) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                        "select *, results::text as results_json from template_check where id = ?").param(id).query().singleRow(),
                row -> row.get("completed_at") != null);
    }

    private static JsonNode results(Map<String, Object> check) {
        return JSON.readTree((String) check.get("results_json"));
    }

    private static List<String> problems(Map<String, Object> check) {
        return results(check).values().stream().flatMap(r -> r.get("problems").values().stream()).map(JsonNode::asString).toList();
    }

    /** An image already in the catalog, on pve4, minimums 4 GB and 512 MB; an inactive one deactivated now. */
    private void inCatalog(String name, int vmid, boolean active) {
        jdbc.sql("""
                        insert into os_image (name, proxmox_template_id, node, storage, architecture, min_disk_size_gb, min_ram_mb,
                                              active, deactivated_at)
                        values (?, ?, 'pve4', 'local-lvm', 'x86_64', 4, 512, ?, case when ? then null else now() end)""")
                .params(name, Integer.toString(vmid), active, active).update();
        jdbc.sql("insert into os_image_placement (os_image, node, template_vmid, storage) values (?, 'pve4', ?, 'local-lvm')")
                .params(name, vmid).update();
    }

    private long catalogRows(String name) {
        return jdbc.sql("select (select count(*) from os_image where name = ?) + (select count(*) from os_image_placement where os_image = ?)")
                .params(name, name).query(Long.class).single();
    }
}
