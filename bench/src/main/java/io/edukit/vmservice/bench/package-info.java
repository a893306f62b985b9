/**
 * Benchmarks of the whole pipeline on this machine: real HTTP into the API, Kafka, PostgreSQL,
 * the worker and the simulated Proxmox nodes over HTTPS and SFTP. {@link io.edukit.vmservice.bench.BenchMain}
 * is the entry point ({@code bench/run <scenario>}).
 */
@NullMarked
package io.edukit.vmservice.bench;

import org.jspecify.annotations.NullMarked;
