/**
 * The admin endpoint under {@code /_sim/}: counters, fault injection and template/VM surgery over
 * HTTP, no token, for loopback clients only.
 */
@NullMarked
package io.edukit.vmservice.proxmoxsim.admin;

import org.jspecify.annotations.NullMarked;
