/** Deciding, per call, which injected fault applies. */
@NullMarked
package io.edukit.vmservice.proxmoxsim.faults;

import org.jspecify.annotations.NullMarked;
