package io.edukit.vmservice.api.templatechecks;

import io.edukit.vmservice.api.vms.CallerId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;
import java.util.UUID;

@RestController
@RequestMapping("/api/v1/admin")
@Tag(name = "Catalog", description = "OS images and their Proxmox templates: checks made by a worker, changes to the catalog, "
        + "each recorded with its caller; scope vm:admin")
class TemplateCheckController {

    private final TemplateChecks checks;

    TemplateCheckController(TemplateChecks checks) {
        this.checks = checks;
    }

    @Operation(summary = "Verify the templates of every active image", description = "A worker inspects the template of "
            + "every placement of every active image now and reports each; nothing is changed. The call waits for its answer "
            + "up to vmservice.ops.template-check-wait (10 s).")
    @ApiResponse(responseCode = "200", description = "The check with one result per placement; verdict PASSED or FAILED")
    @ApiResponse(responseCode = "202", description = "No worker answered in time: follow Location; the check completes later")
    @PostMapping("/templates/verify")
    ResponseEntity<TemplateCheckResource> verifyAll(Principal principal) {
        return CheckAnswers.answer(checks.verify(CallerId.of(principal), null), HttpStatus.OK, null);
    }

    @Operation(summary = "Verify the templates of one image", description = "Active or not: every placement of its template, "
            + "inspected by a worker now; nothing is changed.")
    @ApiResponse(responseCode = "200", description = "The check with one result per placement; verdict PASSED or FAILED")
    @ApiResponse(responseCode = "202", description = "No worker answered in time: follow Location; the check completes later")
    @ApiResponse(responseCode = "404", description = "No image of that name (os-image-not-found)")
    @PostMapping("/os-images/{name}/verify")
    ResponseEntity<TemplateCheckResource> verify(@PathVariable String name, Principal principal) {
        return CheckAnswers.answer(checks.verify(CallerId.of(principal), name), HttpStatus.OK, null);
    }

    @Operation(summary = "One template check or catalog change", description = "PENDING until a worker completed it; then its "
            + "verdict, whether the change was applied, and the result at every placement.")
    @ApiResponse(responseCode = "200", description = "The check")
    @ApiResponse(responseCode = "404", description = "No such check (template-check-not-found)")
    @GetMapping("/template-checks/{id}")
    TemplateCheckResource check(@PathVariable UUID id) {
        return checks.find(id);
    }

    @Operation(summary = "Template checks and catalog changes, newest first", description = "Who verified, added, updated, "
            + "deactivated or reactivated which image, when, and what came of it.")
    @ApiResponse(responseCode = "200", description = "A page of checks")
    @GetMapping("/template-checks")
    TemplateCheckPage checks(@Parameter(description = "Only this image's") @RequestParam(required = false) @Nullable String image,
                             @RequestParam(defaultValue = "0") @Min(0) int page,
                             @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        return checks.list(image == null || image.isBlank() ? null : image.strip(), page, size);
    }
}
