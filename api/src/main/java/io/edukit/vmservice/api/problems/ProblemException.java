package io.edukit.vmservice.api.problems;

import org.springframework.http.ProblemDetail;

/** An error that knows the problem detail to answer with. */
public class ProblemException extends RuntimeException {

    private final ProblemDetail problem;

    public ProblemException(ProblemType type, String detail) {
        super(detail);
        this.problem = type.detail(detail);
    }

    public ProblemDetail problem() {
        return problem;
    }
}
