package io.edukit.vmservice.api.vms;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import java.util.List;

import static io.edukit.vmservice.schemas.VmRequestRules.*;

/**
 * The body of {@code POST /api/v1/vms}. Bounds come from the message contract; the catalog checks the rest.
 * {@code packages} is optional: extra Debian packages to install at first boot.
 */
public record CreateVmRequest(
        @NotBlank @Size(max = 128) @Nullable String osImage,
        @NotNull @Size(max = HOSTNAME_MAX_LENGTH) @Pattern(regexp = HOSTNAME_PATTERN, message = "must be an RFC 1123 host name") @Nullable String hostname,
        @NotNull @Min(MIN_CORES) @Max(MAX_CORES) @Nullable Integer cores,
        @NotNull @Min(MIN_MEMORY_MB) @Max(MAX_MEMORY_MB) @Nullable Integer memoryMb,
        @NotNull @Min(MIN_DISK_GB) @Max(MAX_DISK_GB) @Nullable Integer diskGb,
        @NotNull @Size(min = MIN_SSH_KEYS, max = MAX_SSH_KEYS) @Nullable List<@NotNull @OpenSshPublicKey String> sshPublicKeys,
        @NotNull @Size(max = ID_MAX_LENGTH) @Pattern(regexp = ID_PATTERN) @Nullable String ownerId,
        @NotNull @Size(max = ID_MAX_LENGTH) @Pattern(regexp = ID_PATTERN) @Nullable String courseId,
        @Size(max = MAX_PACKAGES) @Nullable List<@NotNull @Pattern(regexp = PACKAGE_PATTERN, message = "must be a Debian package name") String> packages) {
}
