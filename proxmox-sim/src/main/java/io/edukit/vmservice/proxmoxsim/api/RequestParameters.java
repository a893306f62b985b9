package io.edukit.vmservice.proxmoxsim.api;

import io.edukit.vmservice.proxmoxsim.http.IncomingRequest;
import io.edukit.vmservice.proxmoxsim.json.Json;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Request parameters as pve-http-server collects them: the form-encoded (or JSON) body of POST and
 * PUT, then the query string on top; repeated keys joined with NUL; {@code _dc} dropped.
 */
final class RequestParameters {

    private RequestParameters() {}

    static Map<String, String> of(IncomingRequest request) {
        Map<String, String> params = new LinkedHashMap<>();
        if (request.body().length > 0) {
            String contentType = request.header("Content-Type");
            if (contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
                params.putAll(fromJson(request.body()));
            } else {
                params.putAll(fromForm(new String(request.body(), StandardCharsets.UTF_8)));
            }
        }
        params.putAll(fromForm(request.rawQuery()));
        params.remove("_dc");
        return params;
    }

    private static Map<String, String> fromForm(String encoded) {
        Map<String, String> result = new LinkedHashMap<>();
        if (encoded.isEmpty()) {
            return result;
        }
        Map<String, List<String>> decoded = new QueryStringDecoder(encoded, StandardCharsets.UTF_8, false).parameters();
        decoded.forEach((k, values) -> result.put(k, String.join("\0", values)));
        return result;
    }

    private static Map<String, String> fromJson(byte[] body) {
        Map<String, String> result = new LinkedHashMap<>();
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw PveException.status(400, "malformed JSON in request body");
        }
        if (root == null || !root.isObject()) {
            throw PveException.status(400, "request body is not a JSON object");
        }
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            JsonNode v = e.getValue();
            if (v.isNull()) {
                continue;
            }
            if (v.isArray()) {
                List<String> items = new java.util.ArrayList<>();
                v.forEach(item -> items.add(scalar(item)));
                result.put(e.getKey(), String.join("\0", items));
            } else {
                result.put(e.getKey(), scalar(v));
            }
        }
        return result;
    }

    /** JSON booleans count as 1 and 0, as PVE's type check accepts them. */
    private static String scalar(JsonNode v) {
        if (v.isBoolean()) {
            return v.booleanValue() ? "1" : "0";
        }
        return v.isValueNode() ? v.asString() : v.toString();
    }

    /** {@code uri_unescape} of the path: percent escapes only, a plus stays a plus. */
    static String decodePath(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length() && isHex(raw.charAt(i + 1)) && isHex(raw.charAt(i + 2))) {
                out.write(Integer.parseInt(raw.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(bytes, 0, bytes.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }
}
