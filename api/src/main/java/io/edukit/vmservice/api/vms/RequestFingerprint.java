package io.edukit.vmservice.api.vms;

import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.json.JsonMapper;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** SHA-256 of a request's canonical JSON: tells a retry from a different request under the same key. */
final class RequestFingerprint {

    private static final JsonMapper CANONICAL = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .build();

    private RequestFingerprint() {
    }

    static String of(CreateVmRequest request) {
        CreateVmRequest canonical = new CreateVmRequest(request.osImage(), request.hostname(), request.cores(),
                request.memoryMb(), request.diskGb(), request.sshPublicKeys(), request.ownerId(), request.courseId(),
                packagesOf(request));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(CANONICAL.writeValueAsBytes(canonical));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** No packages and an empty list are the same request. */
    static List<String> packagesOf(CreateVmRequest request) {
        return request.packages() == null ? List.of() : request.packages();
    }
}
