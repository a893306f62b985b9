/**
 * The template checks OPS ask for through the API, which never calls Proxmox itself: a replica
 * claims each check from {@code template_check}, inspects the template of every placement, and
 * completes it — applying the catalog change it guards (a new image, an update, a reactivation)
 * in the same transaction when every template is fit, and nothing when one is not.
 */
@NullMarked
package io.edukit.vmservice.worker.templatechecks;

import org.jspecify.annotations.NullMarked;
