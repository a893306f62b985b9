/**
 * The VM job: its status, steps and the transitions between them. Plain Java, no Spring.
 */
@NullMarked
package io.edukit.vmservice.worker.provisioning;

import org.jspecify.annotations.NullMarked;
