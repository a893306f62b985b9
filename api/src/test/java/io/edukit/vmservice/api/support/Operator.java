package io.edukit.vmservice.api.support;

import org.jspecify.annotations.Nullable;

import java.util.UUID;

/**
 * Someone of OPS (scope vm:admin) of one test alone, calling over HTTP: what a test asks for is
 * told apart from what other tests asked for, in the same database, by its caller.
 */
public record Operator(String name, HttpCaller http) {

    public static Operator fresh(int port) {
        String name = "ops-" + UUID.randomUUID().toString().substring(0, 8);
        return new Operator(name, HttpCaller.withToken(port, TestIssuer.token(name, "vm:admin")));
    }

    public HttpCaller.Response send(String method, String path, @Nullable String body) {
        return http.send(method, path, body);
    }

    public HttpCaller.Response get(String path) {
        return http.get(path);
    }
}
