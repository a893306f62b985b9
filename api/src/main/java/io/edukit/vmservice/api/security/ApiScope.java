package io.edukit.vmservice.api.security;

import org.springframework.security.core.Authentication;

/** The scopes a token may carry, each opening a group of endpoints (see {@link AccessRules}). */
public enum ApiScope {
    /** Ask for VMs and have them deleted. */
    REQUEST("vm:request"),
    /** Read VMs and the OS image catalog. */
    READ("vm:read"),
    /** The OPS endpoints under {@code /api/v1/admin/}. */
    ADMIN("vm:admin"),
    /** The API's metrics, {@code /actuator/prometheus}, for the scraper's service account. */
    METRICS("vm:metrics");

    private final String value;

    ApiScope(String value) {
        this.value = value;
    }

    /** The scope as it appears in the token's {@code scope} claim. */
    public String value() {
        return value;
    }

    /** Whether the caller's token carries this scope. */
    public boolean grantedTo(Authentication caller) {
        return caller.getAuthorities().stream().anyMatch(granted -> authority().equals(granted.getAuthority()));
    }

    /** The authority Spring Security grants for the scope. */
    String authority() {
        return "SCOPE_" + value;
    }
}
