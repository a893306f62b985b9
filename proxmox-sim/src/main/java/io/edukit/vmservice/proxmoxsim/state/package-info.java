/**
 * The simulated cluster: nodes, storages, VMs with their configuration (as PVE keeps it, one
 * string per key), the snippet store, and the helpers that read drive and network strings.
 */
@NullMarked
package io.edukit.vmservice.proxmoxsim.state;

import org.jspecify.annotations.NullMarked;
