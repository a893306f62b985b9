package io.edukit.vmservice.api.vms;

import io.edukit.vmservice.schemas.VmStatus;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.security.Principal;
import java.util.UUID;

@RestController
@RequestMapping("/api/v1/vms")
class VmController {

    private final VmIntake intake;
    private final VmViews views;

    VmController(VmIntake intake, VmViews views) {
        this.intake = intake;
        this.views = views;
    }

    /** Asks for a VM; 202 with its id at once, the VM itself comes later (follow Location or the events). */
    @PostMapping
    ResponseEntity<VmResource> request(@RequestHeader(name = IdempotencyKey.HEADER, required = false) @Nullable String key,
                                       @Valid @RequestBody CreateVmRequest request, Principal principal) {
        IdempotencyKey idempotencyKey = IdempotencyKey.from(key);
        return accepted(intake.request(CallerId.of(principal), idempotencyKey, request));
    }

    @GetMapping("/{id}")
    VmResource get(@PathVariable UUID id, Authentication caller) {
        return intake.existing(id, VmReader.of(caller));
    }

    @GetMapping
    VmPage list(Authentication caller,
                @RequestParam(required = false) @Nullable String ownerId,
                @RequestParam(required = false) @Nullable VmStatus status,
                @RequestParam(defaultValue = "0") @Min(0) int page,
                @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        return views.list(VmReader.of(caller), ownerId, status == null ? null : status.name(), page, size);
    }

    /** Asks for a VM the caller requested (or any, for OPS) to be deleted; 202, the VM goes DELETING and then DELETED. */
    @DeleteMapping("/{id}")
    ResponseEntity<VmResource> delete(@PathVariable UUID id, Authentication caller) {
        return accepted(intake.delete(VmReader.of(caller), id));
    }

    private static ResponseEntity<VmResource> accepted(VmResource vm) {
        return ResponseEntity.accepted().location(URI.create("/api/v1/vms/" + vm.id())).body(vm);
    }
}
