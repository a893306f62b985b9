package io.edukit.vmservice.schemas;

import java.util.List;

/** A message that is not JSON, names an unknown type, or breaks its JSON Schema. */
public class InvalidMessageException extends RuntimeException {

    private final List<String> violations;

    public InvalidMessageException(String reason, List<String> violations) {
        super(violations.isEmpty() ? reason : reason + ": " + String.join("; ", violations));
        this.violations = List.copyOf(violations);
    }

    public List<String> violations() {
        return violations;
    }
}
