package io.edukit.vmservice.api.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerifiedTokensTest {

    static final Instant NOW = Instant.parse("2026-11-30T08:00:00Z");

    Instant now = NOW;
    final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    /** The tokens the issuer's decoder was asked to check, in order. */
    final List<String> checked = new ArrayList<>();
    /** What the issuer's decoder says: tokens named "expires-in-<seconds>" are good, "bad" is not. */
    final JwtDecoder issuer = token -> {
        checked.add(token);
        if (token.equals("bad")) {
            throw new BadJwtException("signature does not match");
        }
        Jwt.Builder jwt = Jwt.withTokenValue(token).header("alg", "ES256").subject("edukit-portal").issuedAt(NOW);
        if (token.startsWith("expires-in-")) {
            jwt.expiresAt(NOW.plusSeconds(Long.parseLong(token.substring("expires-in-".length()))));
        }
        return jwt.build();
    };

    VerifiedTokens tokens = new VerifiedTokens(issuer, Duration.ofMinutes(5), 100, clock);

    @Test
    void aTokenAcceptedOnceIsTakenAgainWithoutACheckUntilItExpires() {
        Jwt first = tokens.decode("expires-in-60");
        now = NOW.plusSeconds(59);
        Jwt again = tokens.decode("expires-in-60");

        assertThat(again).isSameAs(first);
        assertThat(checked).containsExactly("expires-in-60");

        now = NOW.plusSeconds(60);
        tokens.decode("expires-in-60");
        assertThat(checked).as("expired: the issuer's decoder decides again").hasSize(2);
    }

    @Test
    void aLongLivedTokenIsCheckedAgainAfterTheMaximumAge() {
        tokens.decode("expires-in-3600");
        now = NOW.plus(Duration.ofMinutes(5)).minusSeconds(1);
        tokens.decode("expires-in-3600");
        assertThat(checked).hasSize(1);

        now = NOW.plus(Duration.ofMinutes(5));
        tokens.decode("expires-in-3600");
        assertThat(checked).hasSize(2);
    }

    @Test
    void aRefusedTokenIsCheckedEveryTime() {
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> tokens.decode("bad")).isInstanceOf(BadJwtException.class);
        }
        assertThat(checked).containsExactly("bad", "bad");
    }

    @Test
    void aTokenWithoutAnExpiryIsNotRemembered() {
        tokens.decode("forever");
        tokens.decode("forever");

        assertThat(checked).containsExactly("forever", "forever");
    }

    @Test
    void eachTokenIsRememberedOnItsOwn() {
        tokens.decode("expires-in-60");
        tokens.decode("expires-in-120");
        tokens.decode("expires-in-60");

        assertThat(checked).containsExactly("expires-in-60", "expires-in-120");
    }

    @Test
    void aMaximumAgeOfZeroChecksEveryToken() {
        tokens = new VerifiedTokens(issuer, Duration.ZERO, 100, clock);

        tokens.decode("expires-in-60");
        tokens.decode("expires-in-60");

        assertThat(checked).hasSize(2);
    }
}
