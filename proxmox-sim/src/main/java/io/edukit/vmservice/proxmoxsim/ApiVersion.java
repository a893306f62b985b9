package io.edukit.vmservice.proxmoxsim;

/**
 * The Proxmox VE release the simulator imitates: the answer of {@code GET /version}, the parameter
 * schema requests are verified against, and the shape of error bodies.
 */
public enum ApiVersion {

    /** PVE 8.4: parameters verified against the 8.4 schema; error bodies carry no {@code message}. */
    PVE8("pve8", "8.4.1", "8.4", "2a5fa54a8503f96d", false),

    /** PVE 9.1: parameters verified against the 9.1 schema; error bodies also carry {@code message}. */
    PVE9("pve9", "9.1.1", "9.1", "42db4a6cf33dac83", true);

    private final String schemaKey;
    private final String version;
    private final String release;
    private final String repoId;
    private final boolean messageInErrorBody;

    ApiVersion(String schemaKey, String version, String release, String repoId, boolean messageInErrorBody) {
        this.schemaKey = schemaKey;
        this.version = version;
        this.release = release;
        this.repoId = repoId;
        this.messageInErrorBody = messageInErrorBody;
    }

    /** The key of this release in {@code pve-api-subset.json}. */
    public String schemaKey() {
        return schemaKey;
    }

    /** The full pve-manager version, e.g. {@code 9.1.1}. */
    public String version() {
        return version;
    }

    /** The point release, e.g. {@code 9.1}. */
    public String release() {
        return release;
    }

    /** The short git revision reported by {@code GET /version}. */
    public String repoId() {
        return repoId;
    }

    /**
     * Whether JSON error bodies carry a {@code message} field. pve-http-server added it for the json
     * formatter late in the 8.x series; treating 8.4 as without it keeps clients honest: the reason
     * phrase is the one place every version puts the error.
     */
    public boolean messageInErrorBody() {
        return messageInErrorBody;
    }

    /** Parses {@code pve8}, {@code pve9}, {@code 8}, {@code 9}, {@code 8.4} or {@code 9.1}. */
    public static ApiVersion parse(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        for (ApiVersion v : values()) {
            if (t.equals(v.schemaKey) || t.equals(v.release) || t.equals(v.schemaKey.substring(3))
                    || t.equals(v.name().toLowerCase(java.util.Locale.ROOT))) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown Proxmox VE version '" + text + "' (use pve8 or pve9)");
    }
}
