/**
 * Turns commands from Kafka into job state, once each; what cannot be read or applied goes to the dead-letter topic.
 */
@NullMarked
package io.edukit.vmservice.worker.commands;

import org.jspecify.annotations.NullMarked;
