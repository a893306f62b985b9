/**
 * Worker tasks: what an asynchronous call returns a UPID for. Tasks run on a small scheduler, never
 * on the HTTP event loop; their status and log are read through the task endpoints.
 */
@NullMarked
package io.edukit.vmservice.proxmoxsim.tasks;

import org.jspecify.annotations.NullMarked;
