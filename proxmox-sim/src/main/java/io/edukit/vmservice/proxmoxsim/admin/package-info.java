/**
 * The admin endpoint under {@code /_sim/}: counters and fault injection over HTTP, no token, for
 * loopback clients only.
 */
@NullMarked
package io.edukit.vmservice.proxmoxsim.admin;

import org.jspecify.annotations.NullMarked;
