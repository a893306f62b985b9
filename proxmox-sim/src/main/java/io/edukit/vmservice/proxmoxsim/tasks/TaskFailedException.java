package io.edukit.vmservice.proxmoxsim.tasks;

/** Ends a task with an error; the message becomes its exit status and its last log line. */
public final class TaskFailedException extends RuntimeException {

    public TaskFailedException(String message) {
        super(message.strip(), null, false, false);
    }
}
