package io.edukit.vmservice.api.vms;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A VM as callers see it. {@code step} while provisioning; {@code failure} only when FAILED. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VmResource(
        UUID id,
        String status,
        @Nullable String step,
        String osImage,
        String hostname,
        int cores,
        int memoryMb,
        int diskGb,
        String ownerId,
        String courseId,
        List<String> ipAddresses,
        @Nullable Failure failure,
        Instant createdAt,
        Instant updatedAt) {

    public record Failure(String reason, int attempts, boolean retryable) {
    }
}
