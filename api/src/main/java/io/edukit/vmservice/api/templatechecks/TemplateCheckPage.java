package io.edukit.vmservice.api.templatechecks;

import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** One page of template checks and catalog changes, newest first. */
@Schema(description = "A page of template checks and catalog changes, newest first")
public record TemplateCheckPage(List<TemplateCheckResource> items, int page, int size, long totalItems, int totalPages) {

    static TemplateCheckPage of(List<TemplateCheckResource> items, int page, int size, long totalItems) {
        return new TemplateCheckPage(items, page, size, totalItems, (int) ((totalItems + size - 1) / size));
    }
}
