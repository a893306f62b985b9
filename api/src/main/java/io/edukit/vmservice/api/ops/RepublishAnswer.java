package io.edukit.vmservice.api.ops;

import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** What a republish published to the command topic. */
@Schema(description = "Dead-lettered commands published again to vmservice.commands.v1")
public record RepublishAnswer(
        @Schema(description = "Records published") int published,
        @Schema(description = "Which, by their place on the dead-letter topic") List<DeadLetterPlace> records) {
}
