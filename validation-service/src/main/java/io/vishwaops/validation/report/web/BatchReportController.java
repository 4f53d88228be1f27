package io.vishwaops.validation.report.web;

import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.vishwaops.validation.report.BatchReport;
import io.vishwaops.validation.report.BatchReports;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class BatchReportController {

    private final BatchReports reports;

    BatchReportController(BatchReports reports) {
        this.reports = reports;
    }

    @Operation(summary = "A batch's validation report: counts, reasons for quarantine, column profiles of the valid "
            + "records, and the dataset's expectations with the values observed")
    @GetMapping(path = "/api/v1/validation/batches/{batchId}/report", produces = MediaType.APPLICATION_JSON_VALUE)
    BatchReport report(@PathVariable UUID batchId) {
        return reports.report(batchId);
    }

    @Operation(summary = "The same report as a page to read in a browser")
    @GetMapping(path = {"/api/v1/validation/batches/{batchId}/report", "/api/v1/validation/batches/{batchId}/report.html"},
            produces = MediaType.TEXT_HTML_VALUE)
    String page(@PathVariable UUID batchId) {
        return reports.html(batchId);
    }
}
