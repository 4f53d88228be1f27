package io.vishwaops.monitoring.evaluation.web;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.vishwaops.monitoring.evaluation.AlertHistory;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class AlertController {

    private final AlertHistory history;

    AlertController(AlertHistory history) {
        this.history = history;
    }

    record Alerts(String model, List<AlertHistory.Alert> alerts) {
    }

    @Operation(summary = "A model's alert episodes (the latest per version and kind) and retraining requests, newest first")
    @GetMapping("/api/v1/monitoring/alerts")
    Alerts alerts(@RequestParam String model, @RequestParam(defaultValue = "100") int limit) {
        return new Alerts(model, history.of(model, Math.max(1, Math.min(limit, 1000))));
    }
}
