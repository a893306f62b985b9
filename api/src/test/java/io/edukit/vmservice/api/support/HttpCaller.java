package io.edukit.vmservice.api.support;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A caller of the API over real HTTP, with a bearer token or without. */
public final class HttpCaller {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private final String base;
    private final @Nullable String authorization;
    private final Map<String, String> headers;

    private HttpCaller(int port, @Nullable String authorization) {
        this("http://localhost:" + port, authorization, Map.of());
    }

    private HttpCaller(String base, @Nullable String authorization, Map<String, String> headers) {
        this.base = base;
        this.authorization = authorization;
        this.headers = headers;
    }

    /** This caller, sending one more header with every request. */
    public HttpCaller withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new HttpCaller(base, authorization, more);
    }

    /** The tests' usual caller, {@link TestIssuer#CALLER}, with scopes vm:request and vm:read. */
    public static HttpCaller authorized(int port) {
        return withToken(port, TestIssuer.token(TestIssuer.CALLER, "vm:request vm:read"));
    }

    /** {@link TestIssuer#OPERATOR} with scope vm:admin only, for the OPS endpoints. */
    public static HttpCaller admin(int port) {
        return withToken(port, TestIssuer.token(TestIssuer.OPERATOR, "vm:admin"));
    }

    public static HttpCaller withToken(int port, String token) {
        return new HttpCaller(port, "Bearer " + token);
    }

    /** Sends the Authorization header as given: a malformed one, another scheme. */
    public static HttpCaller withAuthorization(int port, String header) {
        return new HttpCaller(port, header);
    }

    public static HttpCaller withoutToken(int port) {
        return new HttpCaller(port, null);
    }

    public Response post(String path, @Nullable String idempotencyKey, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return send(request);
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    public Response delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE());
    }

    /** Any method; a body is sent as JSON. */
    public Response send(String method, String path, @Nullable String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return send(request);
    }

    private Response send(HttpRequest.Builder request) {
        headers.forEach(request::header);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return new Response(CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Response(HttpResponse<String> raw) {

        public int status() {
            return raw.statusCode();
        }

        public JsonNode json() {
            return JSON.readTree(raw.body());
        }

        public String body() {
            return raw.body();
        }

        public @Nullable String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public @Nullable String contentType() {
            return header("Content-Type");
        }
    }
}
