package io.edukit.vmservice.schemas;

/**
 * The bounds a {@link VmRequested} must keep, as constants so that bean validation in the API
 * names the same numbers as the JSON Schema {@code vm-requested.schema.json}.
 */
public final class VmRequestRules {

    /** RFC 1123 host name: dot-separated labels of letters, digits and inner hyphens. */
    public static final String HOSTNAME_PATTERN =
            "^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$";
    public static final int HOSTNAME_MAX_LENGTH = 253;

    /** Owner, course and caller ids: opaque ids of other EduKit services. */
    public static final String ID_PATTERN = "^[A-Za-z0-9][A-Za-z0-9._:@-]*$";
    public static final int ID_MAX_LENGTH = 128;

    public static final int MIN_CORES = 1;
    public static final int MAX_CORES = 64;
    public static final int MIN_MEMORY_MB = 256;
    public static final int MAX_MEMORY_MB = 262_144;
    public static final int MIN_DISK_GB = 1;
    public static final int MAX_DISK_GB = 4_096;
    /** Debian policy 5.6.1: lower case letters, digits, + - . ; two characters or more, starting alphanumeric. */
    public static final String PACKAGE_PATTERN = "^[a-z0-9][a-z0-9+.-]{1,62}$";
    public static final int MAX_PACKAGES = 32;

    public static final int MIN_SSH_KEYS = 1;
    public static final int MAX_SSH_KEYS = 16;

    private VmRequestRules() {
    }
}
