/**
 * Verifying request parameters against the official PVE API schema, the way
 * {@code PVE::JSONSchema} does: types, formats (including property strings such as {@code net0}),
 * patterns, ranges, enumerations, required and unknown parameters, with PVE's own messages.
 */
@NullMarked
package io.edukit.vmservice.proxmoxsim.schema;

import org.jspecify.annotations.NullMarked;
