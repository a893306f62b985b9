package io.edukit.vmservice.proxmoxsim.testing;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One API answer. {@code reason} is the HTTP reason phrase where PVE puts its error text; only the
 * raw client can see it ({@code java.net.http} does not expose it), so it is null otherwise.
 */
public record PveResponse(int status, @Nullable String reason, JsonNode json) {

    public JsonNode data() {
        return json.path("data");
    }

    public String error(String parameter) {
        return json.path("errors").path(parameter).asString();
    }

    /** The UPID an asynchronous call returned. */
    public String upid() {
        if (status != 200 || !data().isString()) {
            throw new AssertionError("expected a UPID, got " + status + " " + reason + " " + json);
        }
        return data().asString();
    }
}
