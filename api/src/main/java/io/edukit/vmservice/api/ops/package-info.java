/**
 * The OPS endpoints under {@code /api/v1/admin/}: failed jobs and their history, read from the
 * worker's tables, and replays of them, published as {@code VmReplayRequested} commands; and the
 * dead-lettered commands, read from their topic, republished unchanged or discarded, each action recorded.
 */
@NullMarked
package io.edukit.vmservice.api.ops;

import org.jspecify.annotations.NullMarked;
