/** Counting calls, task polls and clones, for tests and benchmarks. */
@NullMarked
package io.edukit.vmservice.proxmoxsim.counters;

import org.jspecify.annotations.NullMarked;
