package io.edukit.vmservice.devstack;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The local stack's own token issuer, in this JVM: an EC P-256 key made at start and kept in
 * memory only, its public half published on loopback the way an OpenID provider publishes it
 * (a discovery document and a JWK set). The API trusts it through the one setting a production
 * deployment uses, {@code spring.security.oauth2.resourceserver.jwt.issuer-uri}; tokens are
 * signed here, for the banner, the tests and the benchmarks. Gone with the stack: its tokens are
 * worthless after.
 */
public final class LocalIssuer implements AutoCloseable {

    /** The caller every token of the local stack names ({@code sub}, and {@code azp} too). */
    public static final String CALLER = "devstack";
    public static final String REQUEST = "vm:request";
    public static final String READ = "vm:read";
    public static final String ADMIN = "vm:admin";
    public static final String METRICS = "vm:metrics";
    /** Long enough for a working day on the stack. */
    static final Duration LIFETIME = Duration.ofHours(12);

    private final ECKey key;
    private final HttpServer server;
    private final String issuer;

    private LocalIssuer(ECKey key, HttpServer server) {
        this.key = key;
        this.server = server;
        this.issuer = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public static LocalIssuer start() {
        ECKey key;
        try {
            key = new ECKeyGenerator(Curve.P_256).keyID("devstack-" + UUID.randomUUID().toString().substring(0, 8)).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.ES256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot make the local stack's signing key", e);
        }
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the local stack's token issuer", e);
        }
        LocalIssuer local = new LocalIssuer(key, server);
        String keys = new JWKSet(key.toPublicJWK()).toString(true);
        String discovery = """
                {"issuer":"%1$s","jwks_uri":"%1$s/jwks.json","id_token_signing_alg_values_supported":["ES256"],\
                "scopes_supported":["%2$s","%3$s","%4$s"],"grant_types_supported":[]}""".formatted(local.issuer, REQUEST, READ, ADMIN);
        server.createContext("/.well-known/openid-configuration", exchange -> json(exchange, discovery));
        server.createContext("/jwks.json", exchange -> json(exchange, keys));
        server.start();
        return local;
    }

    /** The issuer's identifier and address: the {@code iss} of its tokens. */
    public String issuer() {
        return issuer;
    }

    /** What the API needs to trust this issuer. */
    public Map<String, String> apiProperties() {
        return Map.of("spring.security.oauth2.resourceserver.jwt.issuer-uri", issuer);
    }

    /** A token for {@link #CALLER} with the given scopes, valid for {@link #LIFETIME}. */
    public String token(String... scopes) {
        return token(Instant.now(), scopes);
    }

    String token(Instant issuedAt, String... scopes) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer).subject(CALLER).claim("azp", CALLER).claim("scope", String.join(" ", scopes))
                .issueTime(Date.from(issuedAt)).expirationTime(Date.from(issuedAt.plus(LIFETIME)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(new ECDSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
        return jwt.serialize();
    }

    /** The scopes a token can carry, in the order the banner prints them. */
    static List<String> scopes() {
        return List.of(REQUEST, READ, ADMIN, METRICS);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static void json(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
