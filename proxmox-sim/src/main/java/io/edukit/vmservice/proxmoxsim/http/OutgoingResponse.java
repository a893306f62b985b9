package io.edukit.vmservice.proxmoxsim.http;

import java.nio.charset.StandardCharsets;

/**
 * What to send back: a status with its reason phrase (where PVE puts the error text) and a body,
 * or nothing at all when the connection is to be dropped.
 */
public record OutgoingResponse(int status, String reason, String contentType, byte[] body, boolean closeConnection, boolean drop) {

    public static final String JSON = "application/json;charset=UTF-8";

    public static OutgoingResponse json(int status, String reason, byte[] body, boolean closeConnection) {
        return new OutgoingResponse(status, reason, JSON, body, closeConnection, false);
    }

    public static OutgoingResponse text(int status, String reason, String body) {
        return new OutgoingResponse(status, reason, "text/plain;charset=UTF-8", body.getBytes(StandardCharsets.UTF_8), true, false);
    }

    /** Close the socket without answering. */
    public static OutgoingResponse dropConnection() {
        return new OutgoingResponse(0, "", JSON, new byte[0], true, true);
    }
}
