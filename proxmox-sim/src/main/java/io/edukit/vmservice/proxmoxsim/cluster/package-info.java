/** Cluster-wide endpoints: version, next free VMID, resources. */
@NullMarked
package io.edukit.vmservice.proxmoxsim.cluster;

import org.jspecify.annotations.NullMarked;
