package io.edukit.vmservice.api.vms;

import io.edukit.vmservice.api.problems.ProblemException;
import io.edukit.vmservice.api.problems.ProblemType;
import org.jspecify.annotations.Nullable;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Pattern;

/** The caller's name for one request; the same key from the same caller always means the same VM. */
record IdempotencyKey(String value) {

    static final String HEADER = "Idempotency-Key";
    private static final Pattern VALID = Pattern.compile("[\\x21-\\x7e]{1,255}");

    static IdempotencyKey from(@Nullable String header) {
        if (header == null || header.isBlank()) {
            throw new ProblemException(ProblemType.IDEMPOTENCY_KEY_MISSING,
                    "POST /api/v1/vms needs an Idempotency-Key header (a UUID, say), so that a retried request does not create a second VM.");
        }
        if (!VALID.matcher(header).matches()) {
            throw new ProblemException(ProblemType.IDEMPOTENCY_KEY_INVALID,
                    "The Idempotency-Key header must be 1 to 255 printable ASCII characters without spaces.");
        }
        return new IdempotencyKey(header);
    }

    /** The VM id this key names for this caller: a name-based UUID, the same on every retry. */
    UUID vmId(CallerId caller) {
        return UUID.nameUUIDFromBytes((caller.value() + '\n' + value).getBytes(StandardCharsets.UTF_8));
    }
}
