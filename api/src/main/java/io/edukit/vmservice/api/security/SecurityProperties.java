package io.edukit.vmservice.api.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * @param callerClaim the token claim that names the caller: idempotency keys are scoped by it, and
 *                    commands carry it as {@code requestedBy}. {@code sub} by default; {@code azp} or
 *                    {@code client_id} where services call with client-credentials tokens whose
 *                    {@code sub} is not the client's name. Changing it changes the VM ids keys derive.
 * @param tokenCache  accepted tokens remembered until they expire
 */
@Validated
@ConfigurationProperties("vmservice.security")
record SecurityProperties(@DefaultValue("sub") @NotBlank String callerClaim, @DefaultValue @Valid TokenCache tokenCache) {

    /**
     * Tokens the API accepted are taken again without a new check ({@link VerifiedTokens}).
     *
     * @param maxAge    how long at most (never past the token's expiry); {@code 0} checks every request's token
     * @param maxTokens how many at most (beyond that, Caffeine forgets the least likely to be used again)
     */
    record TokenCache(@DefaultValue("5m") Duration maxAge, @DefaultValue("10000") @Min(1) long maxTokens) {
    }
}
