package io.edukit.vmservice.api.ops;

import io.edukit.vmservice.api.problems.ProblemException;
import io.edukit.vmservice.api.problems.ProblemType;
import io.edukit.vmservice.api.vms.CallerId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;
import java.util.UUID;

@RestController
@RequestMapping("/api/v1/admin")
@Tag(name = "OPS", description = "Failed and in-progress jobs, their history, replays, and dead-lettered commands; scope vm:admin")
class OpsController {

    private final JobRecords jobs;
    private final JobReplays replays;
    private final OpsProperties properties;

    OpsController(JobRecords jobs, JobReplays replays, OpsProperties properties) {
        this.jobs = jobs;
        this.replays = replays;
        this.properties = properties;
    }

    @Operation(summary = "List FAILED jobs", description = "Newest failure first (by updatedAt), paged; every filter given narrows.")
    @ApiResponse(responseCode = "200", description = "A page of FAILED jobs")
    @ApiResponse(responseCode = "400", description = "A filter that makes no sense (invalid-request, errors name it)")
    @GetMapping("/failed-jobs")
    FailedJobPage failedJobs(@ParameterObject FailedJobQuery query,
                             @RequestParam(defaultValue = "0") @Min(0) int page,
                             @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        return jobs.failed(query.filter(), page, size);
    }

    @Operation(summary = "List jobs in progress, flagging the stuck ones",
            description = "REQUESTED, PROVISIONING and DELETING jobs, the longest without progress first, paged. A job is "
                    + "stuck when it made no progress (no step begun, ended, failed or retried) for vmservice.ops.stuck-after.")
    @ApiResponse(responseCode = "200", description = "A page of jobs in progress")
    @ApiResponse(responseCode = "400", description = "A filter that makes no sense (invalid-request, errors name it)")
    @GetMapping("/jobs-in-progress")
    InProgressJobPage jobsInProgress(@ParameterObject InProgressQuery query,
                                     @RequestParam(defaultValue = "0") @Min(0) int page,
                                     @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        return jobs.inProgress(query.where(properties.stuckAfter()), properties.stuckAfter(), page, size);
    }

    @Operation(summary = "One job in full", description = "Any status, with every attempt at a step (oldest first) and "
            + "whether it is stuck.")
    @ApiResponse(responseCode = "200", description = "The job")
    @ApiResponse(responseCode = "404", description = "No job for that VM (vm-not-found)")
    @GetMapping("/jobs/{id}")
    JobResource job(@PathVariable UUID id) {
        return jobs.find(id, properties.stuckAfter()).orElseThrow(() -> new ProblemException(ProblemType.VM_NOT_FOUND,
                "There is no job for VM " + id + "."));
    }

    @Operation(summary = "Replay one FAILED job", description = "Publishes VmReplayRequested: the worker runs the job "
            + "again from its failed step.")
    @ApiResponse(responseCode = "202", description = "Published")
    @ApiResponse(responseCode = "404", description = "No job for that VM (vm-not-found)")
    @ApiResponse(responseCode = "409", description = "The job is not FAILED (job-not-failed); nothing was published")
    @ApiResponse(responseCode = "503", description = "Kafka did not confirm the command (command-not-accepted)")
    @PostMapping("/jobs/{id}/replay")
    ResponseEntity<ReplayAnswer> replay(@PathVariable UUID id, Principal principal) {
        return ResponseEntity.accepted().body(replays.replay(CallerId.of(principal), id));
    }

    @Operation(summary = "Replay the FAILED jobs the filters match",
            description = "The filters of GET /failed-jobs, as query parameters. At most " + JobReplays.LIMIT
                    + " jobs per call, newest failure first; matching says how many matched in all. "
                    + "With dryRun=true nothing is published and the answer names the jobs a real run would replay.")
    @ApiResponse(responseCode = "200", description = "Dry run: what would be replayed")
    @ApiResponse(responseCode = "202", description = "Published, one command per job")
    @ApiResponse(responseCode = "400", description = "A filter that makes no sense (invalid-request)")
    @ApiResponse(responseCode = "503", description = "Kafka stopped confirming midway (replay-interrupted): the problem's "
            + "published and vmIds say which replays went out")
    @PostMapping("/failed-jobs/replay")
    ResponseEntity<ReplayAnswer> replayMatching(@ParameterObject FailedJobQuery query,
                                                @Parameter(description = "Only say what would be replayed")
                                                @RequestParam(defaultValue = "false") boolean dryRun,
                                                Principal principal) {
        ReplayAnswer answer = replays.replayMatching(CallerId.of(principal), query.filter(), dryRun);
        return dryRun ? ResponseEntity.ok(answer) : ResponseEntity.accepted().body(answer);
    }
}
