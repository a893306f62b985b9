package io.edukit.vmservice.api.templatechecks;

import io.edukit.vmservice.api.problems.InvalidRequestException.FieldProblem;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import static io.edukit.vmservice.schemas.VmRequestRules.MAX_DISK_GB;
import static io.edukit.vmservice.schemas.VmRequestRules.MAX_MEMORY_MB;

/**
 * An OS image as OPS add it to the catalog or replace it there ({@code POST} and {@code PUT}
 * {@code /api/v1/admin/os-images}): what callers may ask for, and where its template lives. The
 * template's own node, VMID and storage are the image's primary placement; {@code placements}
 * names the copies of the template on other nodes (with local storage a template clones only on
 * its own node). Stored as the check's {@code proposed}, which the worker reads.
 */
@Schema(description = "An OS image of the catalog and the Proxmox templates it is cloned from")
public record OsImageRequest(
        @Schema(description = "The name callers ask for (osImage)", example = "ubuntu-24.04")
        @NotNull @Pattern(regexp = NAME_PATTERN, message = "must be 1 to 128 lower-case letters, digits, '.', '_' or '-', "
                + "starting with a letter or digit") @Nullable String name,
        @Schema(description = "The template's VMID on node", example = "9998")
        @NotNull @Pattern(regexp = VMID_PATTERN, message = VMID_MESSAGE) @Nullable String proxmoxTemplateId,
        @Schema(description = "The Proxmox node that holds the template", example = "pve4")
        @NotNull @Pattern(regexp = NODE_PATTERN, message = NODE_MESSAGE) @Nullable String node,
        @Schema(description = "The storage clones go to on that node", example = "local-lvm")
        @NotNull @Pattern(regexp = STORAGE_PATTERN, message = STORAGE_MESSAGE) @Nullable String storage,
        @Schema(allowableValues = {"x86_64", "aarch64"})
        @NotNull @Pattern(regexp = "x86_64|aarch64", message = "must be x86_64 or aarch64") @Nullable String architecture,
        @Schema(description = "The smallest disk a request may ask for, GB", example = "8")
        @NotNull @Min(1) @Max(MAX_DISK_GB) @Nullable Integer minDiskSizeGb,
        @Schema(description = "The least memory a request may ask for, MB", example = "1024")
        @NotNull @Min(1) @Max(MAX_MEMORY_MB) @Nullable Integer minRamMb,
        @Schema(description = "What the image is, for callers; empty when absent", example = "Ubuntu 24.04 LTS cloud image")
        @Size(max = 1000) @Nullable String description,
        @Schema(description = "Copies of the template on other nodes, one per node; none when absent")
        @Size(max = 64) @Nullable List<@NotNull @Valid OtherNode> placements) {

    static final String NAME_PATTERN = "^[a-z0-9][a-z0-9._-]{0,127}$";
    /** A VMID PVE accepts: 100 to 999999999. */
    static final String VMID_PATTERN = "^[1-9][0-9]{2,8}$";
    static final String VMID_MESSAGE = "must be a VMID, 100 to 999999999";
    /** PVE's pve-node and pve-storage-id formats. */
    static final String NODE_PATTERN = "^[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$";
    static final String NODE_MESSAGE = "must be a Proxmox node name";
    static final String STORAGE_PATTERN = "^[a-zA-Z][a-zA-Z0-9_.-]*[a-zA-Z0-9]$";
    static final String STORAGE_MESSAGE = "must be a Proxmox storage id";

    @Schema(description = "A copy of the template on another node, under its own VMID")
    public record OtherNode(
            @Schema(example = "pve5") @NotNull @Pattern(regexp = NODE_PATTERN, message = NODE_MESSAGE) @Nullable String node,
            @Schema(example = "9898") @NotNull @Pattern(regexp = VMID_PATTERN, message = VMID_MESSAGE) @Nullable String proxmoxTemplateId,
            @Schema(example = "local-lvm") @NotNull @Pattern(regexp = STORAGE_PATTERN, message = STORAGE_MESSAGE) @Nullable String storage) {
    }

    /** One template on one node: what the worker inspects, and one {@code os_image_placement} row. */
    @Schema(description = "One template on one node")
    public record Placement(String node, int templateVmid, String storage) {
    }

    /** As stored: description empty rather than absent, no other nodes rather than none given. */
    OsImageRequest normalized() {
        return new OsImageRequest(name, proxmoxTemplateId, node, storage, architecture, minDiskSizeGb, minRamMb,
                Objects.requireNonNullElse(description, ""), placements == null ? List.of() : List.copyOf(placements));
    }

    /** Every placement, the primary first; call on a valid request. */
    List<Placement> allPlacements() {
        List<Placement> all = new ArrayList<>();
        all.add(new Placement(Objects.requireNonNull(node), Integer.parseInt(Objects.requireNonNull(proxmoxTemplateId)),
                Objects.requireNonNull(storage)));
        for (OtherNode other : placements == null ? List.<OtherNode>of() : placements) {
            all.add(new Placement(Objects.requireNonNull(other.node()), Integer.parseInt(Objects.requireNonNull(other.proxmoxTemplateId())),
                    Objects.requireNonNull(other.storage())));
        }
        return all;
    }

    /** What bean validation cannot see: one placement per node, as {@code os_image_placement} keeps them. */
    List<FieldProblem> crossFieldProblems() {
        List<FieldProblem> problems = new ArrayList<>();
        Set<String> nodes = new HashSet<>();
        nodes.add(Objects.requireNonNull(node));
        List<OtherNode> others = placements == null ? List.of() : placements;
        for (int i = 0; i < others.size(); i++) {
            String other = Objects.requireNonNull(others.get(i).node());
            if (!nodes.add(other)) {
                problems.add(new FieldProblem("placements[" + i + "].node", "'" + other
                        + "' already holds a placement of this image: one per node"));
            }
        }
        return problems;
    }
}
