package io.edukit.vmservice.worker.provisioning;

import org.jspecify.annotations.Nullable;

/**
 * A step did not succeed, classified. The message is the reason an operator reads in the FAILED
 * event and the job's history: it names what failed and, where known, what to do.
 */
public class StepFailure extends RuntimeException {

    private final FailureClass failureClass;

    public StepFailure(FailureClass failureClass, String reason) {
        this(failureClass, reason, null);
    }

    public StepFailure(FailureClass failureClass, String reason, @Nullable Throwable cause) {
        super(reason, cause);
        this.failureClass = failureClass;
    }

    public static StepFailure permanent(String reason) {
        return new StepFailure(FailureClass.PERMANENT, reason);
    }

    public static StepFailure transientFailure(String reason) {
        return new StepFailure(FailureClass.TRANSIENT, reason);
    }

    public FailureClass failureClass() {
        return failureClass;
    }
}
