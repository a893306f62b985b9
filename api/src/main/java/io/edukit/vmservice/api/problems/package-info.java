/**
 * Every error as an RFC 9457 problem detail.
 */
@NullMarked
package io.edukit.vmservice.api.problems;

import org.jspecify.annotations.NullMarked;
