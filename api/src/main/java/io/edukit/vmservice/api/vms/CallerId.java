package io.edukit.vmservice.api.vms;

import org.jspecify.annotations.Nullable;

import java.security.Principal;

/**
 * Who is asking: the authenticated principal, or {@value #ANONYMOUS} until the API checks
 * tokens. Idempotency keys are scoped per caller.
 */
record CallerId(String value) {

    static final String ANONYMOUS = "anonymous";

    static CallerId of(@Nullable Principal principal) {
        return new CallerId(principal == null ? ANONYMOUS : principal.getName());
    }
}
