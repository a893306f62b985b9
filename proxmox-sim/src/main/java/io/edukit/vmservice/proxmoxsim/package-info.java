/**
 * A stateful Proxmox VE simulator over HTTPS, for tests, the local stack and benchmarks.
 *
 * <p>This package is the public API: {@link io.edukit.vmservice.proxmoxsim.ProxmoxSimulator} and its
 * settings, faults and counters. The sub-packages are the implementation and may change freely.
 *
 * <p>The simulator shares no code with the worker's Proxmox client: both are written from the
 * official API schema, so that neither can hide the other's mistake.
 */
@NullMarked
package io.edukit.vmservice.proxmoxsim;

import org.jspecify.annotations.NullMarked;
