package io.vishwaops.standalone;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

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

                // the job's run with its evaluation artifacts beside the trial that won the selection
                browser.show("#/runs/compare?ids=" + parentRun + "," + bestTrial);
                WebElement evaluation = browser.loaded("evaluation");
                assertThat(evaluation.findElements(By.cssSelector("table.confusion"))).hasSize(1);
                assertThat(evaluation.findElements(By.tagName("canvas"))).hasSizeGreaterThanOrEqualTo(3);
                assertThat(evaluation.getText()).contains("ROC curves").contains("Feature importance").contains("pass");
                browser.loaded("metric-charts");
                browser.screenshot("demo-1-run-comparison");

                browser.show("#/monitoring?model=" + Demo.PIPELINE);
                WebElement driftSection = browser.loaded("drift");
                browser.loaded("performance");
                WebElement jobsSection = browser.loaded("training-jobs");
                assertThat(jobsSection.getText()).contains(Demo.PIPELINE);
                if (demoFailure == null) {
                    assertThat(driftSection.findElement(By.tagName("table")).getText()).contains("absences").contains("drifted");
                    browser.driver.findElement(By.id("drift-report-button")).click();
                    browser.waitFor(By.cssSelector("#drift iframe.report"));
                    assertThat(jobsSection.getText()).contains("retraining");
                }
                else {
                    assertThat(driftSection.findElements(By.cssSelector("table, .notice"))).isNotEmpty();
                }
                browser.screenshot("demo-2-monitoring");

                browser.show("#/models/" + Demo.PIPELINE);
                assertThat(browser.waitFor(By.id("alias-timeline")).getText()).contains("champion");
                browser.screenshot("demo-3-model");
            }
        }
    }
}
