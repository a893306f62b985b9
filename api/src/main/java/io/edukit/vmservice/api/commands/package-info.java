/**
 * Publishing commands to Kafka, acknowledged by every in-sync replica before a caller hears yes.
 */
@NullMarked
package io.edukit.vmservice.api.commands;

import org.jspecify.annotations.NullMarked;
