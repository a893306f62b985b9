package io.edukit.vmservice.api.vms;

import java.security.Principal;

/**
 * Who is asking: the caller the token names (its {@code sub}, or the claim
 * {@code vmservice.security.caller-claim} names). Idempotency keys are scoped per caller, and
 * commands carry it as {@code requestedBy}.
 */
public record CallerId(String value) {

    /** The authenticated caller; every call that gets here was let in with a token. */
    public static CallerId of(Principal principal) {
        return new CallerId(principal.getName());
    }
}
