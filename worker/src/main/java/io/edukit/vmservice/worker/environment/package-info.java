/**
 * Which environment the worker runs in, and what that forbids.
 */
@NullMarked
package io.edukit.vmservice.worker.environment;

import org.jspecify.annotations.NullMarked;
