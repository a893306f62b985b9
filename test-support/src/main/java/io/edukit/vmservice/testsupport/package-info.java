/**
 * Real peers for the integration tests of every module: a PostgreSQL from embedded binaries
 * (one database per Spring context) and a Kafka probe that produces and subscribes like an
 * outside client.
 */
@NullMarked
package io.edukit.vmservice.testsupport;

import org.jspecify.annotations.NullMarked;
