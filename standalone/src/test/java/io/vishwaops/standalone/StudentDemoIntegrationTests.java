package io.vishwaops.standalone;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code ./start-platform --demo} as a new user meets it, and the continuous-training loop with no human step: the
 * student demo defines, ingests, validates, snapshots, trains with 10-fold CV over four algorithms, promotes and
 * predicts; a new cohort with three times the absences and half of it flipped on higher education then arrives, and
 * monitoring must see drift on exactly those two inputs, ask for a retraining, training must run it and the gate
 * promote it, and serving must answer with the new version. Then the console (headless Chromium, when installed)
 * shows the real runs' curves and confusion matrices, the real drift and the alias timeline.
 */
class StudentDemoIntegrationTests {

    @TempDir
    Path dataDir;

    @Test
    void theDemoClosesTheLoopAndTheConsoleShowsIt() throws Exception {
        try (StandalonePlatform platform = StandalonePlatform.start(FreePorts.options(dataDir))) {
            PlatformHttp admin = PlatformHttp.admin(platform);
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            String demoFailure = null;
            try {
                new Demo("http://localhost:" + platform.options().gatewayPort(), admin.apiKey(), Demo.findExample(),
                        new PrintStream(log, true, StandardCharsets.UTF_8)).run();
            }
            catch (Demo.DemoFailed ex) {
                // the console still shows what the demo got to; the failure is reported after its checks
                demoFailure = ex.getMessage() + "\n" + log.toString(StandardCharsets.UTF_8);
            }

            assertThat(demoFailure).as("the demo ran to its end").isNull();

            // drift on exactly the two inputs that were shifted, none of the other 29
            JsonNode drift = admin.json(admin.get("/api/v1/monitoring/models/" + Demo.PIPELINE + "/drift?version=1"));
            java.util.List<String> drifted = new java.util.ArrayList<>();
            for (JsonNode feature : drift.get("features")) {
                if (feature.get("drifted").asBoolean()) {
                    drifted.add(feature.get("feature").asString());
                }
            }
            assertThat(drifted).as(drift.toString()).containsExactlyInAnyOrder("absences", "higher");

            // monitoring asked, training ran on a fresh snapshot with the new cohort, the gate promoted, serving follows
            JsonNode jobs = admin.json(admin.get("/api/v1/training-jobs?pipeline=" + Demo.PIPELINE + "&limit=5"));
            JsonNode retraining = null;
            for (JsonNode job : jobs) {
                if ("retraining".equals(job.get("trigger").asString())) {
                    retraining = job;
                }
            }
            assertThat(retraining).as(jobs.toString()).isNotNull();
            assertThat(retraining.get("status").asString()).isEqualTo("succeeded");
            assertThat(retraining.at("/result/snapshot/rows").asLong()).isEqualTo(790);
            assertThat(retraining.at("/result/gate/verdict").asString()).isEqualTo("promoted");
            String retrained = retraining.at("/result/registered/version").asString();
            assertThat(retrained).isEqualTo("2");
            assertThat(admin.json(admin.get("/api/v1/registry/models/" + Demo.PIPELINE + "/aliases/champion"))
                    .get("version").asString()).isEqualTo(retrained);
            JsonNode answer = admin.json(admin.post("/api/v1/models/" + Demo.PIPELINE + "/predict", "application/json",
                    "{\"entityId\": \"mat-b2-17\"}"));
            assertThat(answer.get("version").asString()).isEqualTo(retrained);
            assertThat(log.toString(StandardCharsets.UTF_8)).contains("Demo finished").doesNotContain("stopped");

            if (!ConsoleBrowser.installed()) {
                return;
            }
            String parentRun = jobs.get(jobs.size() - 1).get("parentRunId").asString();
            JsonNode run = admin.json(admin.get("/api/2.0/mlflow/runs/get?run_id=" + parentRun)).get("run");
            String bestTrial = null;
            for (JsonNode tag : run.get("data").get("tags")) {
                if (tag.get("key").asString().equals("vops.best.run_id")) {
                    bestTrial = tag.get("value").asString();
                }
            }
            try (ConsoleBrowser browser = ConsoleBrowser.open(platform)) {
                browser.driver.get(browser.console);
                browser.signIn(admin.apiKey());

                // the real runs, filtered as the API filters them: the training jobs' runs carry test metrics, shown
                // first among the dozens of metrics a run logs
                browser.show("#/runs?filter=" + java.net.URLEncoder.encode("metrics.test_accuracy > 0", StandardCharsets.UTF_8));
                WebElement runs = browser.waitFor(By.cssSelector("#runs-results table"));
                assertThat(runs.findElements(By.xpath(".//th/button[text()='test_accuracy']"))).hasSize(1);
                assertThat(runs.findElements(By.cssSelector("tbody tr"))).hasSizeGreaterThanOrEqualTo(2);
                browser.screenshot("demo-0-runs");

                // the job's run with its evaluation artifacts beside the trial that won the selection
                browser.show("#/runs/compare?ids=" + parentRun + "," + bestTrial);
                WebElement evaluation = browser.loaded("evaluation");
                assertThat(evaluation.findElements(By.cssSelector("table.confusion"))).hasSize(1);
                assertThat(evaluation.findElements(By.tagName("canvas"))).hasSizeGreaterThanOrEqualTo(3);
                assertThat(evaluation.getText()).contains("ROC curves").contains("Feature importance").contains("pass");
                browser.loaded("metric-charts");
                browser.screenshot("demo-1-run-comparison");

                // a few predictions, so serving's window has traffic of the champion however long the steps above took,
                // and their true outcomes: two as predicted, one not, so the live accuracy is two thirds
                List<String> feedback = new java.util.ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    JsonNode predicted = admin.json(admin.post("/api/v1/models/" + Demo.PIPELINE + "/predict",
                            "application/json", "{\"entityId\": \"mat-b2-17\"}")).get("predictions").get(0);
                    String label = predicted.get("prediction").asString();
                    String actual = i < 2 ? label : (label.equals("pass") ? "fail" : "pass");
                    feedback.add("{\"predictionId\":\"" + predicted.get("predictionId").asString() + "\",\"model\":\""
                            + Demo.PIPELINE + "\",\"actual\":\"" + actual + "\"}");
                }
                assertThat(admin.post("/api/v1/feedback", "application/json", "[" + String.join(",", feedback) + "]")
                        .statusCode()).isEqualTo(202);
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> admin.json(admin.get(
                        "/api/v1/monitoring/models/" + Demo.PIPELINE + "/performance?version=" + retrained))
                        .get("labelled").asInt() >= 3);
                browser.show("#/monitoring?model=" + Demo.PIPELINE);
                // the champion's row in the traffic panel (the version before it may have answered as champion too)
                String champion = browser.textOf("#traffic tr[data-roles~=champion][data-version='" + retrained + "']");
                String requests = browser.textOf("#traffic tr[data-version='" + retrained + "'] td:nth-child(2)");
                assertThat(champion).startsWith("v" + retrained).contains("champion");
                assertThat(Long.parseLong(requests.replace(",", "").strip())).isPositive();
                browser.waitFor(By.cssSelector("#traffic canvas"));

                // the drift episode of version 1, the values it was raised with (kept by monitoring, not computed
                // again: no "now") and the retraining it asked for
                WebElement alertsSection = browser.loaded("alerts");
                WebElement driftAlert = alertsSection.findElement(By.cssSelector("tr[data-kind=drift][data-version='1']"));
                assertThat(driftAlert.getText()).contains("inputs drifted").contains("absences").contains("higher")
                        .containsPattern("over \\d+ predictions").doesNotContain("now:")
                        .containsPattern("yes, \\d{4}-");
                // the retraining request with the job training ran for it and the version that job registered
                assertThat(alertsSection.findElement(By.cssSelector("tr[data-kind=retraining][data-version='1']")).getText())
                        .contains("job succeeded").contains(Demo.PIPELINE + " v" + retrained).contains("gate: promoted");
                WebElement driftSection = browser.loaded("drift");
                assertThat(driftSection.findElements(By.cssSelector("table, .notice"))).isNotEmpty();
                // live metrics from that feedback, beside the test metrics
                WebElement performance = browser.loaded("performance");
                assertThat(performance.getText()).contains("Labelled predictions\n3").contains("not judged: fewer than");
                assertThat(performance.findElements(By.tagName("canvas"))).hasSize(1);
                assertThat(performance.findElement(By.xpath(".//tr[td[1][text()='accuracy']]/td[2]")).getText()).isEqualTo("0.6667");
                WebElement jobsSection = browser.loaded("training-jobs");
                assertThat(jobsSection.getText()).contains(Demo.PIPELINE).contains("retraining");
                browser.screenshot("demo-2-monitoring");

                // from the alert to the drift of the version it was raised on: exactly the two shifted inputs drifted
                driftAlert.findElement(By.linkText("v1")).click();
                browser.waitForText(By.cssSelector("#drift h2"), "v1");
                WebElement firstVersionDrift = browser.loaded("drift");
                List<String> driftedColumns = firstVersionDrift.findElements(By.cssSelector("tbody tr")).stream()
                        .filter(row -> row.findElements(By.cssSelector("td .badge.bad")).size() == 1)
                        .map(row -> row.findElement(By.tagName("td")).getText()).toList();
                // the inputs as the API answered above (the prediction's own drift is the model's business)
                assertThat(driftedColumns.stream().filter(column -> !column.equals("prediction")))
                        .containsExactlyInAnyOrderElementsOf(drifted);
                // a drifted input's reference and current histograms, drawn from monitoring's data
                firstVersionDrift.findElement(By.cssSelector("button[data-feature=absences]")).click();
                WebElement histogram = browser.waitFor(By.cssSelector("#drift-histogram canvas"));
                assertThat(histogram.getAttribute("aria-label")).contains("absences").contains("reference");
                browser.driver.findElement(By.id("drift-report-button")).click();
                browser.driver.switchTo().frame(browser.waitFor(By.cssSelector("#drift iframe.report")));
                assertThat(browser.waitFor(By.tagName("body")).getText()).contains("absences").contains("reference");
                browser.driver.switchTo().defaultContent();
                browser.screenshot("demo-3-drift-of-v1");

                // the champion's lineage back to its snapshot and the batches it was made from, then one batch's report
                browser.show("#/models/" + Demo.PIPELINE);
                assertThat(browser.waitFor(By.id("alias-timeline")).getText()).contains("champion");
                browser.waitFor(By.linkText("v" + retrained)).click();
                WebElement lineage = browser.waitFor(By.cssSelector("#lineage ol.lineage"));
                assertThat(lineage.findElements(By.cssSelector("code.hash"))).isNotEmpty();
                browser.waitFor(By.cssSelector("#model-card h3, #model-card h4, #model-card p"));
                browser.screenshot("demo-4-model");
                WebElement batch = lineage.findElement(By.cssSelector("a[href*='?batch=']"));
                String batchId = batch.getText();
                batch.click();
                browser.waitForText(By.cssSelector("#batch-report h2"), batchId);
                assertThat(browser.loaded("batch-report").findElements(By.cssSelector("table"))).isNotEmpty();
                browser.screenshot("demo-5-batch-of-the-champion");
            }
        }
    }
}
