/**
 * The {@code /api2/json} API: routing by path template, faults, counters, token check, parameter
 * verification, then the endpoint; and PVE's response shape ({@code data}, {@code errors}, the
 * reason phrase).
 */
@NullMarked
package io.edukit.vmservice.proxmoxsim.api;

import org.jspecify.annotations.NullMarked;
