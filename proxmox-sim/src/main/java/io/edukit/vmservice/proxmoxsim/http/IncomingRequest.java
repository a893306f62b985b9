package io.edukit.vmservice.proxmoxsim.http;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** A request as the transport read it, free of Netty types. Header names are case-insensitive. */
public record IncomingRequest(String method, String uri, Map<String, String> headers, byte[] body, InetSocketAddress remote) {

    public IncomingRequest {
        TreeMap<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        copy.putAll(headers);
        headers = copy;
    }

    public @Nullable String header(String name) {
        return headers.get(name);
    }

    /** The raw (still percent-encoded) path, without the query. */
    public String rawPath() {
        int q = uri.indexOf('?');
        return q < 0 ? uri : uri.substring(0, q);
    }

    public String rawQuery() {
        int q = uri.indexOf('?');
        return q < 0 ? "" : uri.substring(q + 1);
    }
}
