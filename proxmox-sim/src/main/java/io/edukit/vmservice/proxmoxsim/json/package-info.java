/** The one JSON mapper the simulator uses. */
@NullMarked
package io.edukit.vmservice.proxmoxsim.json;

import org.jspecify.annotations.NullMarked;
