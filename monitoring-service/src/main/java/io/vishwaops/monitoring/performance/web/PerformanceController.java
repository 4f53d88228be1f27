package io.vishwaops.monitoring.performance.web;

import io.swagger.v3.oas.annotations.Operation;
import io.vishwaops.monitoring.performance.LivePerformance;
import io.vishwaops.monitoring.performance.PerformanceReport;
import io.vishwaops.monitoring.policy.Policies;
import io.vishwaops.monitoring.window.MonitoredVersion;
import io.vishwaops.monitoring.window.Windows;
import io.vishwaops.problems.NotFound;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class PerformanceController {

    private final Windows windows;
    private final LivePerformance performance;
    private final Policies policies;

    PerformanceController(Windows windows, LivePerformance performance, Policies policies) {
        this.windows = windows;
        this.performance = performance;
        this.policies = policies;
    }

    @Operation(summary = "Live metrics of a model version from its labelled predictions, against its test metrics",
            description = "The version that last received predictions unless `version` names one.")
    @GetMapping("/api/v1/monitoring/models/{model}/performance")
    PerformanceReport performance(@PathVariable String model, @RequestParam(required = false) String version) {
        MonitoredVersion watched = version != null
                ? windows.find(model, version).orElseThrow(() -> new NotFound("monitored model version", model + " " + version))
                : windows.ofModel(model).stream().findFirst().orElseThrow(() -> new NotFound("monitored model", model));
        return performance.evaluate(model, watched.window().version(), watched.bundle(), policies.effective(model));
    }
}
