/**
 * The Proxmox VE API channel: a typed client over HTTPS with an API token, task waiting,
 * failure classification, and the template inspector. Written from the official API schema;
 * shares no code with the simulator.
 */
@NullMarked
package io.edukit.vmservice.worker.proxmox;

import org.jspecify.annotations.NullMarked;
