package io.edukit.vmservice.api.problems;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import java.net.URI;

/** The problem types this API answers with; README lists them for callers. */
public enum ProblemType {
    INVALID_REQUEST("invalid-request", "The request is invalid", HttpStatus.BAD_REQUEST),
    IDEMPOTENCY_KEY_MISSING("idempotency-key-missing", "Idempotency-Key header required", HttpStatus.BAD_REQUEST),
    IDEMPOTENCY_KEY_INVALID("idempotency-key-invalid", "Idempotency-Key header unusable", HttpStatus.BAD_REQUEST),
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", "Idempotency-Key reused with a different request", HttpStatus.UNPROCESSABLE_CONTENT),
    UNAUTHORIZED("unauthorized", "A valid bearer token is required", HttpStatus.UNAUTHORIZED),
    TOKEN_UNCHECKABLE("token-uncheckable", "The bearer token cannot be checked now, retry later", HttpStatus.SERVICE_UNAVAILABLE),
    FORBIDDEN("forbidden", "The token does not grant this call", HttpStatus.FORBIDDEN),
    VM_NOT_FOUND("vm-not-found", "No such VM", HttpStatus.NOT_FOUND),
    JOB_NOT_FAILED("job-not-failed", "Only a FAILED job can be replayed", HttpStatus.CONFLICT),
    DEAD_LETTER_NOT_FOUND("dead-letter-not-found", "No such dead-lettered command", HttpStatus.NOT_FOUND),
    DEAD_LETTER_HANDLED("dead-letter-handled", "The dead-lettered command was already republished or discarded", HttpStatus.CONFLICT),
    DEAD_LETTERS_UNREADABLE("dead-letters-unreadable", "The dead-letter topic could not be read", HttpStatus.SERVICE_UNAVAILABLE),
    OS_IMAGE_NOT_FOUND("os-image-not-found", "No such OS image", HttpStatus.NOT_FOUND),
    OS_IMAGE_EXISTS("os-image-exists", "An OS image of that name exists", HttpStatus.CONFLICT),
    TEMPLATE_CHECK_NOT_FOUND("template-check-not-found", "No such template check", HttpStatus.NOT_FOUND),
    TEMPLATE_CHECK_FAILED("template-check-failed", "A template is not fit to clone; nothing was changed", HttpStatus.UNPROCESSABLE_CONTENT),
    REPLAY_INTERRUPTED("replay-interrupted", "Not every replay was published", HttpStatus.SERVICE_UNAVAILABLE),
    COMMAND_NOT_ACCEPTED("command-not-accepted", "The request was not confirmed, retry it", HttpStatus.SERVICE_UNAVAILABLE);

    private static final String BASE = "https://edukit.io/problems/vmservice/";

    private final String slug;
    private final String title;
    private final HttpStatus status;

    ProblemType(String slug, String title, HttpStatus status) {
        this.slug = slug;
        this.title = title;
        this.status = status;
    }

    public ProblemDetail detail(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(BASE + slug));
        problem.setTitle(title);
        return problem;
    }

    public HttpStatus status() {
        return status;
    }
}
