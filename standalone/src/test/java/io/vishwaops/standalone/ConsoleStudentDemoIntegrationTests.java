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
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The console on what the platform itself made: the student demo (ingestion, training with 10-fold CV over four
 * algorithms, promotion, predictions, drift, retraining) runs first, then the console shows the real runs' curves
 * and confusion matrices and the real drift. It takes several minutes, so it runs only when asked:
 * {@code -Dvops.console.demo=true}.
 */
class ConsoleStudentDemoIntegrationTests {

    @TempDir
    Path dataDir;

    @Test
    void theConsoleShowsTheDemosRunsAndDrift() throws Exception {
        assumeThat(Boolean.getBoolean("vops.console.demo")).as("-Dvops.console.demo=true").isTrue();
        assumeThat(ConsoleBrowser.installed()).as("chromium and chromium-driver installed").isTrue();
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

            JsonNode jobs = admin.json(admin.get("/api/v1/training-jobs?pipeline=" + Demo.PIPELINE + "&limit=5"));
            assertThat(jobs).as("the demo trained at least once: %s", demoFailure).isNotEmpty();
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
                WebElement drift = browser.loaded("drift");
                browser.loaded("performance");
                WebElement jobsSection = browser.loaded("training-jobs");
                assertThat(jobsSection.getText()).contains(Demo.PIPELINE);
                if (demoFailure == null) {
                    assertThat(drift.findElement(By.tagName("table")).getText()).contains("absences").contains("drifted");
                    browser.driver.findElement(By.id("drift-report-button")).click();
                    browser.waitFor(By.cssSelector("#drift iframe.report"));
                    assertThat(jobsSection.getText()).contains("retraining");
                }
                else {
                    assertThat(drift.findElements(By.cssSelector("table, .notice"))).isNotEmpty();
                }
                browser.screenshot("demo-2-monitoring");

                browser.show("#/models/" + Demo.PIPELINE);
                assertThat(browser.waitFor(By.id("alias-timeline")).getText()).contains("champion");
                browser.screenshot("demo-3-model");
            }
            assertThat(demoFailure).as("the demo ran to its end").isNull();
        }
    }
}
