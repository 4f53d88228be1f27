package io.vishwaops.feature.trainingset.web;

import java.io.IOException;

import io.swagger.v3.oas.annotations.Operation;
import io.vishwaops.feature.snapshot.RowFormat;
import io.vishwaops.feature.trainingset.TrainingSetSpec;
import io.vishwaops.feature.trainingset.TrainingSets;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class TrainingSetController {

    private final TrainingSets trainingSets;

    TrainingSetController(TrainingSets trainingSets) {
        this.trainingSets = trainingSets;
    }

    @Operation(summary = "A point-in-time correct training set: each label joined with the features as of its event "
            + "time, streamed as NDJSON or CSV", description = "Chosen by the Accept header (application/x-ndjson or "
            + "text/csv) or by format=ndjson|csv. The request is checked before the first row is written.")
    @PostMapping(value = "/api/v1/training-sets", produces = {"application/x-ndjson", "text/csv"})
    void trainingSet(@RequestBody TrainingSetSpec spec, @RequestParam(required = false) String format,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept, HttpServletResponse response)
            throws IOException {
        RowFormat rowFormat = RowFormat.negotiate(format, accept);
        TrainingSets.Plan plan = trainingSets.plan(spec);
        response.setContentType(rowFormat.mediaType() + ";charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"training-set-" + plan.labelDataset()
                + (rowFormat == RowFormat.CSV ? ".csv" : ".ndjson") + "\"");
        trainingSets.write(plan, rowFormat, response.getOutputStream());
    }
}
