/**
 * Cloud-init user-data: rendered from a validated request, and written as a snippet where
 * Proxmox reads it ({@code local:snippets/<file>}).
 */
@NullMarked
package io.edukit.vmservice.worker.snippets;

import org.jspecify.annotations.NullMarked;
