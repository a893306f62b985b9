package io.edukit.vmservice.api.templatechecks;

import io.edukit.vmservice.api.vms.CallerId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.security.Principal;
import java.util.List;

@RestController
@RequestMapping("/api/v1/admin/os-images")
@Tag(name = "Catalog")
class CatalogController {

    private final CatalogChanges changes;

    CatalogController(CatalogChanges changes) {
        this.changes = changes;
    }

    @Operation(summary = "Every image of the catalog", description = "Active or not, with every placement of its template.")
    @ApiResponse(responseCode = "200", description = "The catalog, by name")
    @GetMapping
    List<CatalogImage> list() {
        return changes.images();
    }

    @Operation(summary = "Add an OS image", description = "A worker checks the template of every placement first; the image "
            + "is added, active, only when all are fit to clone. The call waits for the check up to "
            + "vmservice.ops.template-check-wait (10 s).")
    @ApiResponse(responseCode = "201", description = "Added: Location is the catalog entry; the body is the check that passed")
    @ApiResponse(responseCode = "202", description = "No worker answered in time: follow Location (the check); the image is "
            + "added when the check passes")
    @ApiResponse(responseCode = "400", description = "The body is invalid (invalid-request, errors name the fields)")
    @ApiResponse(responseCode = "409", description = "An image of that name exists, active or not (os-image-exists)")
    @ApiResponse(responseCode = "422", description = "A template is not fit to clone (template-check-failed): results name "
            + "its problems; nothing was added")
    @PostMapping
    ResponseEntity<TemplateCheckResource> add(@Valid @RequestBody OsImageRequest image, Principal principal) {
        return CheckAnswers.answer(changes.add(CallerId.of(principal), image), HttpStatus.CREATED,
                URI.create("/api/v1/os-images/" + image.name()));
    }

    @Operation(summary = "Replace an OS image", description = "The whole image, its name as in the path; placements left out "
            + "means none on other nodes. Leaving template, node, storage and placements as they are, it applies at once; "
            + "changing any of them, a worker checks the new templates first, as for an add. Whether it is active stays.")
    @ApiResponse(responseCode = "200", description = "Applied; the body records the change (verdict NOT_NEEDED or PASSED)")
    @ApiResponse(responseCode = "202", description = "No worker answered in time: follow Location; applied if the check passes")
    @ApiResponse(responseCode = "400", description = "The body is invalid, or names another image (invalid-request)")
    @ApiResponse(responseCode = "404", description = "No image of that name (os-image-not-found)")
    @ApiResponse(responseCode = "422", description = "A new template is not fit to clone (template-check-failed); nothing changed")
    @PutMapping("/{name}")
    ResponseEntity<TemplateCheckResource> update(@PathVariable String name, @Valid @RequestBody OsImageRequest image,
                                                 Principal principal) {
        return CheckAnswers.answer(changes.update(CallerId.of(principal), name, image), HttpStatus.OK, null);
    }

    @Operation(summary = "Deactivate an OS image", description = "At once, no check: new requests for it are refused (400); "
            + "VMs already asked for are provisioned, and running ones are left alone.")
    @ApiResponse(responseCode = "200", description = "Deactivated; applied is false when it was inactive already")
    @ApiResponse(responseCode = "404", description = "No image of that name (os-image-not-found)")
    @PostMapping("/{name}/deactivate")
    TemplateCheckResource deactivate(@PathVariable String name, Principal principal) {
        return changes.deactivate(CallerId.of(principal), name);
    }

    @Operation(summary = "Reactivate an OS image", description = "A worker checks every placement's template first; the image "
            + "is active again only when all are fit to clone.")
    @ApiResponse(responseCode = "200", description = "Active; the body is the check that passed")
    @ApiResponse(responseCode = "202", description = "No worker answered in time: follow Location; active if the check passes")
    @ApiResponse(responseCode = "404", description = "No image of that name (os-image-not-found)")
    @ApiResponse(responseCode = "422", description = "A template is not fit to clone (template-check-failed); still inactive")
    @PostMapping("/{name}/activate")
    ResponseEntity<TemplateCheckResource> activate(@PathVariable String name, Principal principal) {
        return CheckAnswers.answer(changes.activate(CallerId.of(principal), name), HttpStatus.OK, null);
    }
}
