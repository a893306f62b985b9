/**
 * Status events written with the state they describe and relayed to Kafka as CloudEvents, in order per VM.
 */
@NullMarked
package io.edukit.vmservice.worker.outbox;

import org.jspecify.annotations.NullMarked;
