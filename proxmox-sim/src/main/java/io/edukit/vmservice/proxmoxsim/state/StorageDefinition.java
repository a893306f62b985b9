package io.edukit.vmservice.proxmoxsim.state;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** A storage every simulated node has, as a default PVE install sets it up (plus snippets on {@code local}). */
public record StorageDefinition(String id, String type, Set<String> content, long totalBytes) {

    public static final StorageDefinition LOCAL =
            new StorageDefinition("local", "dir", Set.of("backup", "import", "iso", "snippets", "vztmpl"), 100L << 30);
    public static final StorageDefinition LOCAL_LVM =
            new StorageDefinition("local-lvm", "lvmthin", Set.of("images", "rootdir"), 400L << 30);

    public static final List<StorageDefinition> ALL = List.of(LOCAL, LOCAL_LVM);

    public static Optional<StorageDefinition> find(String id) {
        return ALL.stream().filter(s -> s.id.equals(id)).findFirst();
    }

    public boolean holds(String contentType) {
        return content.contains(contentType);
    }

    /** The content list as PVE prints it, sorted and comma-separated. */
    public String contentText() {
        return String.join(",", new TreeSet<>(content));
    }
}
