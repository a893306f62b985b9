package io.edukit.vmservice.proxmoxsim.api;

import io.edukit.vmservice.proxmoxsim.ApiVersion;
import io.edukit.vmservice.proxmoxsim.http.OutgoingResponse;
import io.edukit.vmservice.proxmoxsim.json.Json;
import tools.jackson.databind.node.ObjectNode;

/**
 * PVE's JSON formatter: {@code {"data": ...}} on success; on error {@code "data": null}, the
 * {@code errors} map for parameter errors, and {@code message} on releases that send it. The
 * error text always travels in the reason phrase, and errors close the connection as pveproxy does.
 */
final class ResponseBodies {

    private final ApiVersion version;

    ResponseBodies(ApiVersion version) {
        this.version = version;
    }

    OutgoingResponse success(ApiResult result) {
        ObjectNode body = Json.object();
        body.set("data", result.data());
        if (result.total() != null) {
            body.put("total", result.total());
        }
        return OutgoingResponse.json(200, "OK", Json.bytes(body), false);
    }

    OutgoingResponse error(PveException e) {
        ObjectNode body = Json.object();
        body.putNull("data");
        if (!e.errors().isEmpty()) {
            ObjectNode errors = body.putObject("errors");
            e.errors().forEach(errors::put);
        }
        if (version.messageInErrorBody()) {
            body.put("message", e.getMessage());
        }
        return OutgoingResponse.json(e.status(), e.reasonPhrase(), Json.bytes(body), true);
    }
}
