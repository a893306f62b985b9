/** The Kafka health check the API and the worker share. */
@NullMarked
package io.edukit.vmservice.kafkahealth;

import org.jspecify.annotations.NullMarked;
