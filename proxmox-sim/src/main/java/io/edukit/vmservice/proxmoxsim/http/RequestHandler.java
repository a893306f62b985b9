package io.edukit.vmservice.proxmoxsim.http;

/** Answers one request. Runs on a virtual thread, so it may wait; it must not touch Netty. */
@FunctionalInterface
public interface RequestHandler {

    OutgoingResponse handle(IncomingRequest request);
}
