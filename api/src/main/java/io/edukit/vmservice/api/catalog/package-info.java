/**
 * The OS image catalog that requests are checked against.
 */
@NullMarked
package io.edukit.vmservice.api.catalog;

import org.jspecify.annotations.NullMarked;
