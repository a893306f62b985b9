/**
 * OPS's template checks and the catalog changes they guard, under {@code /api/v1/admin/}. The API
 * never calls Proxmox: it writes a check into {@code template_check} and waits a while for a
 * worker to inspect the templates and complete it — and, for a new image, an update that moves its
 * templates or a reactivation, to apply the change in the same transaction when every template
 * passed. Deactivating an image, or an update that leaves its templates alone, needs no check and
 * is written here at once. Every action is a row of that table, naming its caller.
 */
@NullMarked
package io.edukit.vmservice.api.templatechecks;

import org.jspecify.annotations.NullMarked;
