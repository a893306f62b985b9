package io.edukit.vmservice.worker.provisioning;

import org.jspecify.annotations.Nullable;

import java.util.List;

/**
 * What a step that ended well found: whether it had anything to do, and for the network step the
 * guest's addresses (empty, with a note, when the guest agent reported none in time).
 */
public record StepOutcome(boolean skipped, List<String> addresses, @Nullable String note) {

    public StepOutcome {
        addresses = List.copyOf(addresses);
    }

    public static StepOutcome done() {
        return new StepOutcome(false, List.of(), null);
    }

    /** The work was already done (a disk of the right size, a VM already running). */
    public static StepOutcome alreadyDone() {
        return new StepOutcome(true, List.of(), null);
    }

    public static StepOutcome reachable(List<String> addresses) {
        return new StepOutcome(false, addresses, null);
    }

    public static StepOutcome unreachable(String note) {
        return new StepOutcome(false, List.of(), note);
    }
}
