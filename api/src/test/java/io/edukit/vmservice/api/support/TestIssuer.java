package io.edukit.vmservice.api.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A token issuer for the tests: an RSA key made when the tests start (never stored), its public
 * half served as a JWK set over HTTP on loopback, and signed tokens on demand. The API under test
 * trusts it the way production trusts the real issuer: {@code jwk-set-uri} plus {@code issuer-uri}.
 */
public final class TestIssuer {

    public static final String ISSUER = "https://issuer.test.edukit.io/realms/edukit";
    /** The caller the shared {@link HttpCaller#authorized} caller acts as. */
    public static final String CALLER = "edukit-course-service";
    /** The caller the {@link HttpCaller#admin} caller acts as: someone of OPS. */
    public static final String OPERATOR = "ops-oscar";

    private static final RSAKey KEY = newKey("test-issuer-key");
    private static final HttpServer JWKS = serve(new JWKSet(KEY.toPublicJWK()));

    private TestIssuer() {
    }

    /** A token from this issuer for {@code subject}, valid for an hour, with the scopes (space-separated). */
    public static String token(String subject, String scopes) {
        return token().subject(subject).scopes(scopes).sign();
    }

    /** A token to bend before signing. */
    public static Token token() {
        return new Token();
    }

    /** An RSA key this issuer does not publish. */
    public static RSAKey newKey(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String jwkSetUri() {
        return "http://127.0.0.1:" + JWKS.getAddress().getPort() + "/jwks.json";
    }

    private static HttpServer serve(JWKSet keys) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            byte[] body = keys.toString(true).getBytes(StandardCharsets.UTF_8);
            server.createContext("/jwks.json", exchange -> {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The claims of one token, valid by default; each method bends one thing. */
    public static final class Token {

        private String issuer = ISSUER;
        private RSAKey key = KEY;
        private final Map<String, @Nullable Object> claims = new LinkedHashMap<>();
        private Instant issuedAt = Instant.now();
        private Instant expiresAt = issuedAt.plus(Duration.ofHours(1));

        private Token() {
            claims.put("sub", CALLER);
            claims.put("scope", "vm:request vm:read");
        }

        public Token subject(String value) {
            return claim("sub", value);
        }

        public Token scopes(String spaceSeparated) {
            return claim("scope", spaceSeparated);
        }

        public Token claim(String name, @Nullable Object value) {
            claims.put(name, value);
            return this;
        }

        public Token issuer(String value) {
            issuer = value;
            return this;
        }

        public Token expiredFor(Duration ago) {
            expiresAt = Instant.now().minus(ago);
            issuedAt = expiresAt.minus(Duration.ofHours(1));
            return this;
        }

        public Token signedWith(RSAKey other) {
            key = other;
            return this;
        }

        public String sign() {
            JWTClaimsSet.Builder set = new JWTClaimsSet.Builder().issuer(issuer).jwtID(UUID.randomUUID().toString())
                    .issueTime(Date.from(issuedAt)).expirationTime(Date.from(expiresAt));
            claims.forEach((name, value) -> {
                if (value != null) {
                    set.claim(name, value);
                }
            });
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), set.build());
            try {
                jwt.sign(new RSASSASigner(key));
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
            return jwt.serialize();
        }
    }

    /** Makes the API under test trust this issuer. */
    public static final class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            TestPropertyValues.of(
                    "spring.security.oauth2.resourceserver.jwt.issuer-uri=" + ISSUER,
                    "spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + jwkSetUri()
            ).applyTo(context);
        }
    }
}
