package io.edukit.vmservice.proxmoxsim.faults;

/** An injected HTTP error: the status code and the reason phrase that carries the message. */
public record HttpFailure(int status, String reason) {}
