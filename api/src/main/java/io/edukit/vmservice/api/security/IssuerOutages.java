package io.edukit.vmservice.api.security;

import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderInitializationException;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Makes an unreachable issuer look like what it is to Spring Security: a token that cannot be
 * checked now, not a server fault. Boot's issuer-uri decoder fetches the discovery document on
 * first use and fails with an exception Spring Security lets through as a 500; as a
 * {@link JwtException} it becomes an authentication service failure, which
 * {@link SecurityProblems} answers as a 503 problem.
 */
final class IssuerOutages {

    private IssuerOutages() {
    }

    static JwtDecoder surfacedBy(JwtDecoder decoder) {
        return token -> {
            try {
                return decoder.decode(token);
            } catch (JwtDecoderInitializationException e) {
                throw new JwtException("the token issuer's configuration could not be fetched", e);
            }
        };
    }
}
