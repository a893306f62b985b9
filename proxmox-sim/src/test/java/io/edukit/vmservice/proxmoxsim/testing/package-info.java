/** Test clients for the simulator: real HTTPS with certificate and hostname verification on. */
@NullMarked
package io.edukit.vmservice.proxmoxsim.testing;

import org.jspecify.annotations.NullMarked;
