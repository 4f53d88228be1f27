package io.vishwaops.training.job.web;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.vishwaops.problems.InvalidInput;
import io.vishwaops.training.job.JobStatus;
import io.vishwaops.training.job.Jobs;
import io.vishwaops.training.job.TrainingJob;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/training-jobs")
class JobController {

    private final Jobs jobs;

    JobController(Jobs jobs) {
        this.jobs = jobs;
    }

    @Operation(summary = "A job: status, progress (trials done of total, ETA), leaderboard, registered version and "
            + "the gate's verdict")
    @GetMapping("/{id}")
    TrainingJob job(@PathVariable UUID id) {
        return jobs.find(id);
    }

    @Operation(summary = "Jobs, newest first, optionally of one pipeline or in one status")
    @GetMapping
    List<TrainingJob> list(@RequestParam(required = false) String pipeline,
            @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "0") @Min(0) int offset,
            @RequestParam(defaultValue = "50") @Min(1) @Max(1000) int limit) {
        if (status != null && java.util.Arrays.stream(JobStatus.values()).noneMatch(s -> s.word().equals(status))) {
            throw new InvalidInput("status", "must be one of queued, running, succeeded, failed, cancelled, was '"
                    + status + "'");
        }
        return jobs.list(pipeline, status, offset, limit);
    }

    @Operation(summary = "Cancel a job: a queued one at once, a running one at its next trial or stage; a finished "
            + "one is a 409")
    @PostMapping("/{id}/cancel")
    TrainingJob cancel(@PathVariable UUID id) {
        return jobs.cancel(id);
    }
}
