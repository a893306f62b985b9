package io.edukit.vmservice.api.problems;

import org.springframework.http.ProblemDetail;

/** An error that knows the problem detail to answer with. */
public class ProblemException extends RuntimeException {

    private final ProblemDetail problem;

    public ProblemException(ProblemType type, String detail) {
        super(detail);
        this.problem = type.detail(detail);
    }

    /** Adds a member to the problem detail, for what a caller needs beyond the detail text. */
    public ProblemException with(String name, Object value) {
        problem.setProperty(name, value);
        return this;
    }

    public ProblemDetail problem() {
        return problem;
    }
}
