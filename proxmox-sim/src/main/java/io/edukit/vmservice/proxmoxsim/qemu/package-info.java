/**
 * The VM endpoints ({@code /nodes/{node}/qemu/...}) with qemu-server's behaviour: which checks
 * answer at once with an HTTP error and which run in the task, the locks, and the messages.
 */
@NullMarked
package io.edukit.vmservice.proxmoxsim.qemu;

import org.jspecify.annotations.NullMarked;
