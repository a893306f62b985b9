package io.edukit.vmservice.proxmoxsim.qemu;

import io.edukit.vmservice.proxmoxsim.state.Drive;
import io.edukit.vmservice.proxmoxsim.state.PropertyString;
import io.edukit.vmservice.proxmoxsim.state.SnippetStore;
import io.edukit.vmservice.proxmoxsim.state.StorageDefinition;
import io.edukit.vmservice.proxmoxsim.state.VirtualMachine;
import io.edukit.vmservice.proxmoxsim.tasks.TaskFailedException;
import java.util.List;
import java.util.Map;

/**
 * What a start does with {@code cicustom}: when the VM has a cloud-init drive, every referenced
 * snippet is read, so a missing file fails the start task with pve-storage's
 * {@code volume 'local:snippets/x.yaml' does not exist}. Without a cloud-init drive nothing is read.
 */
final class CloudInitSnippets {

    /** {@code get_custom_cloudinit_files} reads them in this order. */
    private static final List<String> KINDS = List.of("network", "user", "meta", "vendor");

    private CloudInitSnippets() {}

    static boolean hasCloudInitDrive(VirtualMachine vm) {
        return vm.drives().stream().anyMatch(Drive::isCloudInit);
    }

    static void check(VirtualMachine vm, SnippetStore snippets) {
        String cicustom = vm.config().get("cicustom");
        if (cicustom == null || !hasCloudInitDrive(vm)) {
            return;
        }
        Map<String, String> files = PropertyString.parse(cicustom, null);
        for (String kind : KINDS) {
            String volid = files.get(kind);
            if (volid != null) {
                checkSnippet(volid, snippets);
            }
        }
    }

    private static void checkSnippet(String volid, SnippetStore snippets) {
        int colon = volid.indexOf(':');
        String storeId = volid.substring(0, colon);
        String volname = volid.substring(colon + 1);
        StorageDefinition storage = StorageDefinition.find(storeId)
                .orElseThrow(() -> new TaskFailedException("storage '" + storeId + "' does not exist"));
        if (!storage.type().equals("dir")) {
            throw new TaskFailedException(volid + " is not in the snippets directory");
        }
        if (!volname.matches("(images|iso|snippets|template/cache|template/iso|dump|import)/.+")) {
            throw new TaskFailedException("unable to parse directory volume name '" + volname + "'");
        }
        if (!volname.startsWith("snippets/") || volname.substring("snippets/".length()).contains("/")) {
            throw new TaskFailedException(volid + " is not in the snippets directory");
        }
        if (!snippets.exists(volname.substring("snippets/".length()))) {
            throw new TaskFailedException("volume '" + volid + "' does not exist");
        }
    }
}
