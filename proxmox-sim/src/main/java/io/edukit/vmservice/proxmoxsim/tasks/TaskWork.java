package io.edukit.vmservice.proxmoxsim.tasks;

import java.time.Duration;

/**
 * The work behind one task, in the phases a PVE worker goes through: checks and setup when the
 * worker starts, the result once the work is done, and cleanup either way. Throwing
 * {@link TaskFailedException} from a phase fails the task with that message.
 */
public interface TaskWork {

    /** Runs when the worker starts; returns how long the work takes. */
    Duration begin(TaskLog log);

    /** Runs when the work is done. */
    void complete(TaskLog log);

    /** Runs after success or failure, before the task shows as stopped. */
    default void ended(boolean succeeded) {}
}
