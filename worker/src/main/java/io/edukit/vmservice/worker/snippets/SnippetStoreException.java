package io.edukit.vmservice.worker.snippets;

import io.edukit.vmservice.worker.provisioning.FailureClass;

/** A snippet operation that failed, classified; the message never carries key material. */
public class SnippetStoreException extends RuntimeException {

    private final FailureClass failureClass;

    SnippetStoreException(FailureClass failureClass, String message, Throwable cause) {
        super(message, cause);
        this.failureClass = failureClass;
    }

    public FailureClass failureClass() {
        return failureClass;
    }
}
