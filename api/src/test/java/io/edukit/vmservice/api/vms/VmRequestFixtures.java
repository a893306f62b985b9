package io.edukit.vmservice.api.vms;

/** Valid request bodies in one line, to be bent one field at a time. */
public final class VmRequestFixtures {

    public static final String STUDENT_KEY =
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKeDl/ezd7h4zxP2a4Ms4QFlxmRwD8OdeQaOCyEaCoX/ student@edukit";

    private VmRequestFixtures() {
    }

    public static String aRequest(String owner) {
        return aRequest(owner, "ws-" + owner, 20, 2048);
    }

    public static String aRequest(String owner, String hostname, int diskGb, int memoryMb) {
        return """
                {"osImage":"debian-12","hostname":"%s","cores":2,"memoryMb":%d,"diskGb":%d,
                 "sshPublicKeys":["%s"],"ownerId":"%s","courseId":"net-101","packages":["git"]}"""
                .formatted(hostname, memoryMb, diskGb, STUDENT_KEY, owner);
    }
}
