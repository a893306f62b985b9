/**
 * The nodes' SFTP channel: where VmService writes cloud-init snippets that the simulator's VM
 * start then reads.
 */
@NullMarked
package io.edukit.vmservice.proxmoxsim.sftp;

import org.jspecify.annotations.NullMarked;
