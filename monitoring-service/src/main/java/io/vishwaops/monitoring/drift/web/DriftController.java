package io.vishwaops.monitoring.drift.web;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.vishwaops.monitoring.drift.DriftEvaluator;
import io.vishwaops.monitoring.drift.DriftReport;
import io.vishwaops.monitoring.drift.HtmlDriftReport;
import io.vishwaops.monitoring.evaluation.Evaluations;
import io.vishwaops.monitoring.policy.Policies;
import io.vishwaops.monitoring.window.MonitoredVersion;
import io.vishwaops.monitoring.window.Windows;
import io.vishwaops.problems.NotFound;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/monitoring/models/{model}")
class DriftController {

    private final Windows windows;
    private final DriftEvaluator drift;
    private final Policies policies;
    private final Evaluations evaluations;

    DriftController(Windows windows, DriftEvaluator drift, Policies policies, Evaluations evaluations) {
        this.windows = windows;
        this.drift = drift;
        this.policies = policies;
        this.evaluations = evaluations;
    }

    @Operation(summary = "Drift of a model version's window against its reference profile, computed now",
            description = "The version that last received predictions unless `version` names one.")
    @GetMapping("/drift")
    DriftReport drift(@PathVariable String model, @RequestParam(required = false) String version) {
        return evaluate(model, version, false).report();
    }

    /** One column's reference and current shares over common bins. */
    record ColumnHistogram(String feature, List<String> bins, double[] reference, double[] current) {
    }

    /** Per column (inputs, then the prediction), the histograms a person compares to see how it drifted. */
    record DriftHistograms(String model, String version, int windowSize, List<ColumnHistogram> columns) {
    }

    @Operation(summary = "Reference and current histograms of each column of a model version's window, as data",
            description = "Equal-width bins over the combined range for numbers, the most frequent categories (the "
                    + "rest pooled) for categories; the shares are each sample's, so they sum to 1 per side.")
    @GetMapping("/drift/histograms")
    DriftHistograms histograms(@PathVariable String model, @RequestParam(required = false) String version) {
        DriftEvaluator.Evaluation evaluation = evaluate(model, version, true);
        List<ColumnHistogram> columns = new java.util.ArrayList<>();
        evaluation.histograms().forEach((feature, h) -> columns.add(
                new ColumnHistogram(feature, h.bins(), h.reference(), h.current())));
        return new DriftHistograms(evaluation.report().model(), evaluation.report().version(),
                evaluation.report().windowSize(), columns);
    }

    @Operation(summary = "The drift report as a self-contained HTML page with reference and current histograms")
    @GetMapping(value = {"/drift.html", "/drift/report"}, produces = MediaType.TEXT_HTML_VALUE)
    String driftPage(@PathVariable String model, @RequestParam(required = false) String version) {
        return HtmlDriftReport.render(evaluate(model, version, true));
    }

    @Operation(summary = "Runs a monitoring round now: drift, live performance, gauges, alerts and retraining by policy",
            description = "Evaluates every watched version (the round is shared), then answers this model's drift.")
    @PostMapping("/evaluations")
    DriftReport evaluateNow(@PathVariable String model, @RequestParam(required = false) String version) {
        MonitoredVersion watched = version(model, version);
        evaluations.evaluateAll();
        return evaluations.latestDrift(model, watched.window().version())
                .orElseGet(() -> drift.evaluate(watched, policies.effective(model), false).report());
    }

    private DriftEvaluator.Evaluation evaluate(String model, String version, boolean histograms) {
        return drift.evaluate(version(model, version), policies.effective(model), histograms);
    }

    private MonitoredVersion version(String model, String version) {
        if (version != null) {
            return windows.find(model, version).orElseThrow(() -> new NotFound("monitored model version", model + " " + version));
        }
        return windows.ofModel(model).stream().findFirst().orElseThrow(() -> new NotFound("monitored model", model));
    }
}
