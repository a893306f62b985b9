/**
 * The HTTPS transport: a Netty server (PVE puts its error text in the reason phrase, which the
 * JDK's server cannot), a self-signed certificate made at start, and connection refusal for faults.
 */
@NullMarked
package io.edukit.vmservice.proxmoxsim.http;

import org.jspecify.annotations.NullMarked;
