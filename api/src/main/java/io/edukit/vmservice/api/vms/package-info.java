/**
 * Requesting, reading and deleting VMs over HTTP, idempotently.
 */
@NullMarked
package io.edukit.vmservice.api.vms;

import org.jspecify.annotations.NullMarked;
