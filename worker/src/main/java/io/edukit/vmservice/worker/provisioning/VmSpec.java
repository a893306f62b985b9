package io.edukit.vmservice.worker.provisioning;

import io.edukit.vmservice.schemas.VmRequested;

import java.util.List;

/** What was asked for: the VM's image, size, access and whom it belongs to. */
public record VmSpec(
        String osImage,
        String hostname,
        int cores,
        int memoryMb,
        int diskGb,
        List<String> sshPublicKeys,
        String ownerId,
        String courseId,
        String requestedBy,
        List<String> packages) {

    public VmSpec {
        sshPublicKeys = List.copyOf(sshPublicKeys);
        packages = List.copyOf(packages);
    }

    public static VmSpec of(VmRequested request) {
        return new VmSpec(request.osImage(), request.hostname(), request.cores(), request.memoryMb(),
                request.diskGb(), request.sshPublicKeys(), request.ownerId(), request.courseId(), request.requestedBy(),
                request.packages());
    }
}
