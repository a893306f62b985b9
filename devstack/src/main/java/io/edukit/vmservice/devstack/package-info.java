/**
 * The local stack: in-process Kafka (KRaft) and PostgreSQL, the API and the worker, in one JVM.
 */
@NullMarked
package io.edukit.vmservice.devstack;

import org.jspecify.annotations.NullMarked;
