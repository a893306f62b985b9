package io.edukit.vmservice.proxmoxsim.state;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One drive option of a VM config ({@code scsi0}, {@code ide2}, …): its volume and options, parsed
 * from e.g. {@code local-lvm:vm-123-disk-0,size=2G}.
 */
public record Drive(String key, Map<String, String> options) {

    private static final Pattern DRIVE_KEY = Pattern.compile("(ide|sata|scsi|virtio)\\d+|efidisk0|tpmstate0");
    private static final Pattern CLOUD_INIT = Pattern.compile(".*[:/](?:vm-\\d+-)?cloudinit(?:\\.(raw|qcow2|vmdk))?");

    public Drive {
        options = new LinkedHashMap<>(options);
    }

    /** Whether a config key names a drive (not counting {@code unused[n]}). */
    public static boolean isDriveKey(String key) {
        return DRIVE_KEY.matcher(key).matches();
    }

    public static Drive parse(String key, String value) {
        return new Drive(key, PropertyString.parse(value, "file"));
    }

    public String file() {
        return options.getOrDefault("file", "");
    }

    /** {@code drive_is_cdrom}: a cloud-init drive counts as a CD-ROM too. */
    public boolean isCdrom() {
        return "cdrom".equals(options.get("media"));
    }

    public boolean isCloudInit() {
        return CLOUD_INIT.matcher(file()).matches();
    }

    /** A disk holding data: not a CD-ROM, not a cloud-init drive. */
    public boolean isDisk() {
        return !isCdrom() && !isCloudInit() && file().contains(":");
    }

    public Optional<String> storage() {
        int colon = file().indexOf(':');
        return colon > 0 && !file().startsWith("/") ? Optional.of(file().substring(0, colon)) : Optional.empty();
    }

    /** The volume name after {@code storage:}, e.g. {@code base-9999-disk-0/vm-123-disk-0}. */
    public String volumeName() {
        int colon = file().indexOf(':');
        return colon < 0 ? file() : file().substring(colon + 1);
    }

    public long sizeBytes() {
        String size = options.get("size");
        return size == null ? 0 : DiskSize.parse(size);
    }

    public Drive withFile(String file) {
        Map<String, String> copy = new LinkedHashMap<>(options);
        copy.put("file", file);
        return new Drive(key, copy);
    }

    public Drive withSize(long bytes) {
        Map<String, String> copy = new LinkedHashMap<>(options);
        copy.put("size", DiskSize.format(bytes));
        return new Drive(key, copy);
    }

    public String print() {
        return PropertyString.print(options, "file");
    }
}
