package io.edukit.vmservice.api.ops;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import java.time.Instant;

/**
 * A record on the dead-letter topic as OPS see it. The value is shown as text: UTF-8 as it is,
 * any byte that is not UTF-8 as {@code \xNN}; in a list only its first {@value DeadLetterText#LIST_BYTES} bytes.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A dead-lettered command")
public record DeadLetter(
        int partition,
        long offset,
        @Schema(description = "The record's key, the VM id; absent when it had none") @Nullable String key,
        @Schema(description = "The record's timestamp") Instant timestamp,
        @Schema(description = "Why the worker dead-lettered it (header " + "vmservice-dlt-reason" + ")") @Nullable String reason,
        @Schema(description = "The value as text; bytes that are not UTF-8 shown as \\xNN") String value,
        @Schema(description = "The value's size in bytes") int valueBytes,
        @Schema(description = "True when the value is not valid UTF-8 and bytes are shown escaped") boolean valueEscaped,
        @Schema(description = "True when value shows only the first 4096 bytes (lists only)") boolean valueTruncated,
        @Schema(description = "The value's exact bytes, Base64 (one record only)") @Nullable String valueBase64,
        @Schema(description = "What was done with it; absent while nothing was") @Nullable DeadLetterAction action) {
}
