/**
 * The thin REST intake: validates requests against the catalog, publishes commands to Kafka, answers reads from the database. Never calls Proxmox.
 */
@NullMarked
package io.edukit.vmservice.api;

import org.jspecify.annotations.NullMarked;
