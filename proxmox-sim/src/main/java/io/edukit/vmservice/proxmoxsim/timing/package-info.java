/** Turning the latency model into actual waits: time scale and seeded jitter. */
@NullMarked
package io.edukit.vmservice.proxmoxsim.timing;

import org.jspecify.annotations.NullMarked;
