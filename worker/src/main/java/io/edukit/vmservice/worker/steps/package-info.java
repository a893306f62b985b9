/**
 * The steps a VM goes through on Proxmox — clone, cloud-init, resize, start, network, delete —
 * each safe to run again after a crash at any point.
 */
@NullMarked
package io.edukit.vmservice.worker.steps;

import org.jspecify.annotations.NullMarked;
