/**
 * The OS image catalog as the worker reads it: which template each image is cloned from.
 */
@NullMarked
package io.edukit.vmservice.worker.catalog;

import org.jspecify.annotations.NullMarked;
