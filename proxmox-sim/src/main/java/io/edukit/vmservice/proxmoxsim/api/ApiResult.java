package io.edukit.vmservice.proxmoxsim.api;

import io.edukit.vmservice.proxmoxsim.json.Json;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

/** A successful answer: {@code {"data": ...}}, with {@code total} where PVE adds it. */
public record ApiResult(JsonNode data, @Nullable Integer total) {

    public static ApiResult of(JsonNode data) {
        return new ApiResult(data, null);
    }

    /** {@code {"data":null}}: what synchronous calls return. */
    public static ApiResult nothing() {
        return new ApiResult(NullNode.getInstance(), null);
    }

    /** A task id: what asynchronous calls return. */
    public static ApiResult upid(String upid) {
        return new ApiResult(Json.string(upid), null);
    }
}
