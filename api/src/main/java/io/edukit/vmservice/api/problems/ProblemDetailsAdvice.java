package io.edukit.vmservice.api.problems;

import io.edukit.vmservice.api.commands.CommandNotAcceptedException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.util.List;

/**
 * Turns every failure into an RFC 9457 problem detail: Spring MVC's own (malformed JSON, a
 * wrong path variable, an unknown route) through the base class, ours here, and anything
 * unexpected into a 500 that names no internals.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @ExceptionHandler
    ResponseEntity<ProblemDetail> invalidRequest(InvalidRequestException e) {
        return respond(withErrors(ProblemType.INVALID_REQUEST.detail("The request asks for something the service cannot give; see errors."),
                e.problems()));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> problem(ProblemException e) {
        return respond(e.problem());
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> commandNotAccepted(CommandNotAcceptedException e) {
        log.warn("Answering 503: {}", e.getMessage());
        ProblemDetail problem = ProblemType.COMMAND_NOT_ACCEPTED.detail(
                "The message broker did not confirm the request in time; it may or may not have been stored."
                        + " Retry with the same Idempotency-Key: a retry never creates a second VM.");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5").body(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("Unexpected failure answering a request", e);
        return respond(ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "An unexpected error occurred; it was logged."));
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<InvalidRequestException.FieldProblem> problems = e.getBindingResult().getFieldErrors().stream()
                .map(error -> new InvalidRequestException.FieldProblem(error.getField(),
                        String.valueOf(error.getDefaultMessage())))
                .sorted(java.util.Comparator.comparing(InvalidRequestException.FieldProblem::field))
                .toList();
        ProblemDetail problem = withErrors(ProblemType.INVALID_REQUEST.detail("The request is invalid; see errors."), problems);
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    private static ProblemDetail withErrors(ProblemDetail problem, List<InvalidRequestException.FieldProblem> problems) {
        problem.setProperty("errors", problems);
        return problem;
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }
}
