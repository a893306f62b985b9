package io.edukit.vmservice.api.ops;

import io.edukit.vmservice.api.vms.CallerId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;

@RestController
@RequestMapping("/api/v1/admin/dead-letters")
@Tag(name = "OPS", description = "Failed jobs, their history, replays, and dead-lettered commands; scope vm:admin")
class DeadLetterController {

    private final DeadLetters deadLetters;

    DeadLetterController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @Operation(summary = "List dead-lettered commands", description = "The records on vmservice.commands.v1.dlt, newest "
            + "first: at most the newest " + DeadLetterTopic.LIMIT + " are read (capped says older ones exist). Each with "
            + "its reason header, the first 4096 bytes of its value as text, and what was done with it.")
    @ApiResponse(responseCode = "200", description = "A page of dead-lettered commands")
    @ApiResponse(responseCode = "503", description = "The topic could not be read (dead-letters-unreadable)")
    @GetMapping
    DeadLetterPage list(@RequestParam(defaultValue = "0") @Min(0) int page,
                        @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        return deadLetters.list(page, size);
    }

    @Operation(summary = "One dead-lettered command", description = "Its whole value, as text and as Base64.")
    @ApiResponse(responseCode = "200", description = "The record")
    @ApiResponse(responseCode = "404", description = "No record there (dead-letter-not-found)")
    @GetMapping("/{partition}/{offset}")
    DeadLetter one(@PathVariable int partition, @PathVariable long offset) {
        return deadLetters.one(partition, offset);
    }

    @Operation(summary = "Republish one dead-lettered command", description = "Sends its value unchanged, under its key, "
            + "to vmservice.commands.v1, waits for Kafka's acknowledgement, and records the action.")
    @ApiResponse(responseCode = "202", description = "Published")
    @ApiResponse(responseCode = "404", description = "No record there (dead-letter-not-found)")
    @ApiResponse(responseCode = "409", description = "Already republished or discarded (dead-letter-handled)")
    @ApiResponse(responseCode = "503", description = "Kafka did not confirm (command-not-accepted); nothing was recorded")
    @PostMapping("/{partition}/{offset}/republish")
    ResponseEntity<RepublishAnswer> republish(@PathVariable int partition, @PathVariable long offset, Principal principal) {
        return ResponseEntity.accepted().body(deadLetters.republish(CallerId.of(principal), partition, offset));
    }

    @Operation(summary = "Republish every dead-lettered command not yet acted upon", description = "Of the newest "
            + DeadLetterTopic.LIMIT + " records, oldest first, each confirmed by Kafka before the next is sent.")
    @ApiResponse(responseCode = "202", description = "Published; published says how many")
    @ApiResponse(responseCode = "503", description = "Kafka stopped confirming midway (replay-interrupted): published and "
            + "records say which went out")
    @PostMapping("/republish")
    ResponseEntity<RepublishAnswer> republishAll(Principal principal) {
        return ResponseEntity.accepted().body(deadLetters.republishAll(CallerId.of(principal)));
    }

    @Operation(summary = "Discard one dead-lettered command", description = "Records that it is not to be republished, "
            + "with the reason given; the record stays on the topic.")
    @ApiResponse(responseCode = "200", description = "Discarded: the record with its action")
    @ApiResponse(responseCode = "404", description = "No record there (dead-letter-not-found)")
    @ApiResponse(responseCode = "409", description = "Already republished or discarded (dead-letter-handled)")
    @PostMapping("/{partition}/{offset}/discard")
    DeadLetter discard(@PathVariable int partition, @PathVariable long offset,
                       @RequestBody(required = false) @Valid @Nullable DiscardRequest body, Principal principal) {
        return deadLetters.discard(CallerId.of(principal), partition, offset, body == null ? null : body.reason());
    }
}
