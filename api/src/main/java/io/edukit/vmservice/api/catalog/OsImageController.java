package io.edukit.vmservice.api.catalog;

import io.edukit.vmservice.api.problems.ProblemException;
import io.edukit.vmservice.api.problems.ProblemType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@RequestMapping("/api/v1/os-images")
class OsImageController {

    private final OsImageCatalog catalog;

    OsImageController(OsImageCatalog catalog) {
        this.catalog = catalog;
    }

    /** The active images, with the minimum disk and memory a request for each must ask for. */
    @GetMapping
    List<OsImageResource> list() {
        return catalog.findByActiveTrueOrderByName().stream().map(OsImageResource::of).toList();
    }

    /** One active image, as the list shows it: where OPS's add points to. */
    @GetMapping("/{name}")
    OsImageResource one(@PathVariable String name) {
        return catalog.findByNameAndActiveTrue(name).map(OsImageResource::of).orElseThrow(() -> new ProblemException(
                ProblemType.OS_IMAGE_NOT_FOUND, "There is no active OS image '" + name + "'; GET /api/v1/os-images lists them."));
    }

    record OsImageResource(String name, String description, String architecture, int minDiskSizeGb, int minRamMb) {
        static OsImageResource of(OsImage image) {
            return new OsImageResource(image.name(), image.description(), image.architecture(),
                    image.minDiskSizeGb(), image.minRamMb());
        }
    }
}
