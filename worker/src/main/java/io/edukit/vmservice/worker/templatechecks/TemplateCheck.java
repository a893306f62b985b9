package io.edukit.vmservice.worker.templatechecks;

import org.jspecify.annotations.Nullable;

import java.util.UUID;

/**
 * A check a replica has claimed: which image (null: every active one), and for an ADD or UPDATE
 * the image proposed, whose placements are what is inspected.
 */
record TemplateCheck(UUID id, CheckPurpose purpose, @Nullable String osImage, @Nullable ProposedImage proposed, String requestedBy) {
}
