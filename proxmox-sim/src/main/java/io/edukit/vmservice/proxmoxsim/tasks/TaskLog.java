package io.edukit.vmservice.proxmoxsim.tasks;

/** What a task's work writes to its log. */
public interface TaskLog {

    void line(String text);

    /** A warning: logged as {@code WARN: ...}; the task then ends {@code WARNINGS: n} instead of {@code OK}. */
    void warn(String text);
}
