package io.edukit.vmservice.api.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CallerAuthenticationConverterTest {

    /** A client-credentials token as Keycloak issues it: sub is the service account's id, azp the client. */
    static final Jwt CLIENT_CREDENTIALS_TOKEN = Jwt.withTokenValue("token").header("alg", "RS256")
            .subject("5f0c1c4e-7a43-4b6e-9a51-2b0c8a0d7e11").claim("azp", "edukit-course-service")
            .claim("scope", "vm:request vm:read").issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60)).build();

    @Test
    void theCallerIsTheSubjectByDefault() {
        assertThat(new CallerAuthenticationConverter("sub").convert(CLIENT_CREDENTIALS_TOKEN).getName())
                .isEqualTo("5f0c1c4e-7a43-4b6e-9a51-2b0c8a0d7e11");
    }

    @Test
    void theCallerClaimCanNameTheClientOfAClientCredentialsToken() {
        assertThat(new CallerAuthenticationConverter("azp").convert(CLIENT_CREDENTIALS_TOKEN).getName())
                .isEqualTo("edukit-course-service");
    }

    @Test
    void theScopesBecomeAuthoritiesWhetherAStringOrAList() {
        Jwt scp = Jwt.withTokenValue("token").header("alg", "RS256").subject("s").claim("scp", List.of("vm:admin")).build();

        assertThat(new CallerAuthenticationConverter("sub").convert(CLIENT_CREDENTIALS_TOKEN).getAuthorities())
                .extracting(GrantedAuthority::getAuthority).contains("SCOPE_vm:request", "SCOPE_vm:read");
        assertThat(new CallerAuthenticationConverter("sub").convert(scp).getAuthorities())
                .extracting(GrantedAuthority::getAuthority).contains("SCOPE_vm:admin");
    }

    @Test
    void aTokenThatNamesNoCallerIsInvalid() {
        assertThatThrownBy(() -> new CallerAuthenticationConverter("client_id").convert(CLIENT_CREDENTIALS_TOKEN))
                .isInstanceOf(InvalidBearerTokenException.class)
                .hasMessage("The token names no caller: it has no 'client_id' claim");
    }
}
