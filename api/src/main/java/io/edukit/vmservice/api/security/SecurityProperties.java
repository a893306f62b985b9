package io.edukit.vmservice.api.security;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param callerClaim the token claim that names the caller: idempotency keys are scoped by it, and
 *                    commands carry it as {@code requestedBy}. {@code sub} by default; {@code azp} or
 *                    {@code client_id} where services call with client-credentials tokens whose
 *                    {@code sub} is not the client's name. Changing it changes the VM ids keys derive.
 */
@Validated
@ConfigurationProperties("vmservice.security")
record SecurityProperties(@DefaultValue("sub") @NotBlank String callerClaim) {
}
