package io.edukit.vmservice.api.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Remembers the tokens its decoder accepted, each until it expires and for {@code maxAge} at most,
 * and answers for them without checking them again. A caller presents the same token for the
 * whole of its life, and checking its signature and claims was a fifth of the API's CPU per VM
 * request. The bound on age keeps what a fresh check would change close: a key the issuer
 * withdrew still counts for as long as the decoder's own cache of the issuer's keys keeps it
 * (5 min), and then for {@code maxAge} more for a token checked at the last moment. A token
 * refused is never remembered: every presentation is checked.
 */
final class VerifiedTokens implements JwtDecoder {

    private final JwtDecoder decoder;
    private final Duration maxAge;
    private final Clock clock;
    private final Cache<String, Jwt> accepted;

    /** {@code maxAge} zero remembers nothing. */
    VerifiedTokens(JwtDecoder decoder, Duration maxAge, long maxTokens, Clock clock) {
        this.decoder = decoder;
        this.maxAge = maxAge;
        this.clock = clock;
        this.accepted = Caffeine.newBuilder()
                .maximumSize(maxTokens)
                .ticker(() -> nanosOf(clock.instant()))
                .expireAfter(Expiry.<String, Jwt>creating((token, jwt) -> keptFor(jwt)))
                .build();
    }

    @Override
    public Jwt decode(String token) {
        Jwt known = accepted.getIfPresent(token);
        if (known != null) {
            return known;
        }
        Jwt jwt = decoder.decode(token);
        if (keptFor(jwt).isPositive()) {
            accepted.put(token, jwt);
        }
        return jwt;
    }

    /** Until it expires, {@code maxAge} at most; a token without an expiry is not kept. */
    private Duration keptFor(Jwt jwt) {
        Instant expiresAt = jwt.getExpiresAt();
        if (expiresAt == null) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(clock.instant(), expiresAt);
        return left.compareTo(maxAge) < 0 ? left : maxAge;
    }

    private static long nanosOf(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
