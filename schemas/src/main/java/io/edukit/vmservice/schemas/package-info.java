/**
 * The message contracts of VmService: commands, events, their JSON Schemas and topic names.
 * Plain Java (no Spring), shared by the API, the worker and subscribers.
 */
@NullMarked
package io.edukit.vmservice.schemas;

import org.jspecify.annotations.NullMarked;
