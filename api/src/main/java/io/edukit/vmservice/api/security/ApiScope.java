package io.edukit.vmservice.api.security;

/** The scopes a token may carry, each opening a group of endpoints (see {@link AccessRules}). */
public enum ApiScope {
    /** Ask for VMs and have them deleted. */
    REQUEST("vm:request"),
    /** Read VMs and the OS image catalog. */
    READ("vm:read"),
    /** The OPS endpoints under {@code /api/v1/admin/}. */
    ADMIN("vm:admin");

    private final String value;

    ApiScope(String value) {
        this.value = value;
    }

    /** The scope as it appears in the token's {@code scope} claim. */
    public String value() {
        return value;
    }

    /** The authority Spring Security grants for the scope. */
    String authority() {
        return "SCOPE_" + value;
    }
}
