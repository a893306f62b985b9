package io.edukit.vmservice.worker.steps;

/** The job changed under a running step — deleted, or taken over by another replica — and the step must stop. */
public class StepCancelledException extends RuntimeException {

    public StepCancelledException(String message) {
        super(message);
    }
}
