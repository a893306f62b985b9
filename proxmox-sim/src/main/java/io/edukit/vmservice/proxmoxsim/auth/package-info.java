/** Checking the {@code PVEAPIToken} header with PVE's messages for each way it can be wrong. */
@NullMarked
package io.edukit.vmservice.proxmoxsim.auth;

import org.jspecify.annotations.NullMarked;
