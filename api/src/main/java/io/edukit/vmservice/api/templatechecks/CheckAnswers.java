package io.edukit.vmservice.api.templatechecks;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import java.net.URI;

/** How a check is answered over HTTP: 202 with where to follow it while no worker has completed it. */
final class CheckAnswers {

    private CheckAnswers() {
    }

    /** 202 and the check's Location while pending; once completed, {@code status} with {@code location} if given. */
    static ResponseEntity<TemplateCheckResource> answer(TemplateCheckResource check, HttpStatus status, @Nullable URI location) {
        if (!check.completed()) {
            return ResponseEntity.accepted().location(URI.create("/api/v1/admin/template-checks/" + check.id())).body(check);
        }
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(status);
        return (location == null ? answer : answer.location(location)).body(check);
    }
}
