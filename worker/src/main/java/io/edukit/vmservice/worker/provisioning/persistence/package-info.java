/**
 * Keeps VM jobs in PostgreSQL.
 */
@NullMarked
package io.edukit.vmservice.worker.provisioning.persistence;

import org.jspecify.annotations.NullMarked;
