package io.edukit.vmservice.api.security;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;

import java.util.Collection;

/**
 * Turns a valid token into the caller: named by the configured claim ({@code sub} unless set
 * otherwise), with the token's scopes ({@code scope} or {@code scp}) as {@code SCOPE_…}
 * authorities. A token that names no caller is refused as invalid: a VM id is derived from the
 * caller's name, so there is no sensible default.
 */
final class CallerAuthenticationConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    private final String callerClaim;
    private final JwtGrantedAuthoritiesConverter scopes = new JwtGrantedAuthoritiesConverter();

    CallerAuthenticationConverter(String callerClaim) {
        this.callerClaim = callerClaim;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        String caller = jwt.getClaimAsString(callerClaim);
        if (caller == null || caller.isBlank()) {
            throw new InvalidBearerTokenException("The token names no caller: it has no '" + callerClaim + "' claim");
        }
        Collection<GrantedAuthority> authorities = scopes.convert(jwt);
        return new JwtAuthenticationToken(jwt, authorities, caller);
    }
}
