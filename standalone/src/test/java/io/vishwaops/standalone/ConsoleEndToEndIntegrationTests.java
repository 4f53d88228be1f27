package io.vishwaops.standalone;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * The console in a real browser (Debian's chromium, headless, through its chromedriver) against the standalone
 * platform, with data loaded through the public API as a user would: the student dataset, runs with their
 * evaluation artifacts, a model with two versions whose champion needs an approval. Screenshots of each step go to
 * {@code target/console-screenshots/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleEndToEndIntegrationTests {

    private static final Path STUDENT_MAT = Path.of("..", "..", "shared", "datasets", "student", "student-mat.csv");
    private static final String MODEL = "student-pass";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path dataDir;

    private static StandalonePlatform platform;
    private static ConsoleBrowser browser;
    private static PlatformHttp admin;
    private static String viewerKey;
    private static String approverKey;
    private static String scientistKey;
    private static List<String> runIds;

    @BeforeAll
    static void platformWithDataAndBrowser() throws Exception {
        assumeThat(ConsoleBrowser.installed()).as("chromium and chromium-driver installed (.ci/run installs them)").isTrue();
        assumeThat(Files.exists(STUDENT_MAT)).as("shared datasets beside the repository").isTrue();
        platform = StandalonePlatform.start(FreePorts.options(dataDir));
        admin = PlatformHttp.admin(platform);
        viewerKey = createKey("console-viewer", "viewer");
        approverKey = createKey("console-approver", "approver");
        scientistKey = createKey("console-scientist", "data-scientist");

        String batch = loadStudentDataset();
        snapshot(395);
        String csv = Files.readString(STUDENT_MAT, StandardCharsets.UTF_8);
        String second = upload(laterBatch(csv));
        assertThat(awaitComplete(second).get("quarantined").asLong()).isEqualTo(2);
        JsonNode snapshot = snapshot(415);
        runIds = logRuns(snapshot.get("sha256").asString(), batch);
        registerModelAwaitingApproval(admin.withKey(scientistKey));

        browser = ConsoleBrowser.open(platform);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    @Order(1)
    void signsInWithAKeyAndShowsTheDatasetWithItsSnapshots() {
        browser.driver.get(browser.console);
        WebElement key = browser.waitFor(By.id("api-key"));
        assertThat(browser.driver.getCurrentUrl()).endsWith("/console/index.html");

        key.sendKeys("vops_not-a-key");
        browser.driver.findElement(By.cssSelector("#login-form button[type=submit]")).click();
        browser.waitForText(By.id("login-error"), "not valid");

        browser.signIn(viewerKey);
        assertThat(browser.driver.findElement(By.id("who-name")).getText()).contains("console-viewer").contains("viewer");
        assertThat((String) browser.script("return document.cookie")).isEmpty();
        assertThat(browser.driver.getCurrentUrl()).doesNotContain("vops_");

        browser.waitFor(By.linkText("student-mat")).click();
        browser.waitFor(By.cssSelector("#schema table"));
        assertThat(browser.driver.findElements(By.cssSelector("#schema tbody tr"))).hasSize(33);
        WebElement batches = browser.waitFor(By.cssSelector("#batches table"));
        assertThat(batches.findElements(By.cssSelector("tbody tr"))).hasSize(2);
        assertThat(batches.getText()).contains("395").contains("22");
        assertThat(batches.findElement(By.cssSelector(".badge.bad")).getText()).isEqualTo("2");
        batches.findElement(By.xpath(".//tr[contains(., '395')]//button[text()='Show report']")).click();
        WebElement report = browser.waitFor(By.cssSelector("#batch-report table"));
        assertThat(report.getText()).contains("absences");
        browser.waitFor(By.cssSelector("#batch-report canvas"));
        // any column's distribution: a numeric one as its histogram, a categorical one by value
        Select column = new Select(browser.driver.findElement(By.id("distribution-column")));
        column.selectByVisibleText("absences");
        browser.waitForText(By.cssSelector("#column-distribution figcaption"), "absences: distribution of valid values");
        column.selectByVisibleText("Mjob");
        browser.waitForText(By.cssSelector("#column-distribution figcaption"), "Mjob: most frequent values");
        // the HTML report, fetched with the key, in a frame that runs no script
        browser.driver.findElement(By.xpath("//button[text()='Show the full HTML report']")).click();
        WebElement frame = browser.waitFor(By.cssSelector("#batch-report iframe.report"));
        assertThat(frame.getDomAttribute("sandbox")).isEmpty();
        browser.driver.switchTo().frame(frame);
        assertThat(browser.waitFor(By.tagName("body")).getText()).contains("absences");
        browser.driver.switchTo().defaultContent();
        browser.screenshot("1-dataset-and-batch-report");

        WebElement snapshots = browser.waitFor(By.cssSelector("#snapshots table"));
        List<WebElement> hashes = snapshots.findElements(By.cssSelector("code.hash"));
        assertThat(hashes).isNotEmpty().allSatisfy(h -> assertThat(h.getDomAttribute("title")).hasSize(64));
        List<WebElement> picks = snapshots.findElements(By.cssSelector("input[type=checkbox]"));
        // the newest (415 rows) and the oldest (395 rows); the platform may have made more in between
        picks.get(0).click();
        picks.get(picks.size() - 1).click();
        browser.driver.findElement(By.id("diff-button")).click();
        WebElement diff = browser.waitFor(By.cssSelector("#snapshot-diff dl"));
        assertThat(diff.getText()).contains("Rows added\n20").contains("Rows removed\n0");
        assertThat(browser.driver.findElement(By.id("snapshot-diff")).getText()).contains("absences");
        browser.screenshot("1-snapshot-diff");
    }

    @Test
    @Order(2)
    void comparesRunsWithTheirChartsAndEvaluationArtifacts() {
        browser.show("#/runs");
        browser.waitFor(By.cssSelector("#runs-results table"));
        List<WebElement> rows = browser.driver.findElements(By.cssSelector("#runs-results tbody tr"));
        assertThat(rows).hasSize(3);

        // sorting by a metric puts the best run on top
        WebElement sortByAccuracy = browser.driver.findElement(By.xpath("//th/button[text()='test_accuracy']"));
        sortByAccuracy.click();
        sortByAccuracy.click();
        assertThat(browser.driver.findElement(By.cssSelector("#runs-results tbody tr")).getText()).contains("xgboost");

        // columns can be chosen: a metric taken out leaves the table, which keeps its order
        browser.driver.findElement(By.cssSelector("#run-columns summary")).click();
        browser.driver.findElement(By.cssSelector("#run-columns input[data-column='test_auc']")).click();
        assertThat(browser.driver.findElements(By.xpath("//th/button[text()='test_auc']"))).isEmpty();
        assertThat(browser.driver.findElement(By.xpath("//th[button[text()='test_accuracy']]")).getDomAttribute("aria-sort"))
                .isEqualTo("descending");
        assertThat(browser.driver.findElement(By.cssSelector("#runs-results tbody tr")).getText()).contains("xgboost");

        // the MLflow filter syntax, as the API takes it
        WebElement filter = browser.driver.findElement(By.id("filter"));
        filter.sendKeys("params.algorithm != 'logistic-regression'", Keys.ENTER);
        await().atMost(Duration.ofSeconds(20)).until(() -> browser.driver.findElements(By.cssSelector("#runs-results tbody tr")).size() == 2);

        for (WebElement pick : browser.driver.findElements(By.cssSelector("input.pick-run"))) {
            pick.click();
        }
        browser.driver.findElement(By.id("compare-button")).click();
        WebElement table = browser.waitFor(By.id("compare-table"));
        assertThat(table.getText()).contains("random-forest").contains("xgboost").contains("test_accuracy");
        browser.waitFor(By.cssSelector("#metric-charts canvas"));
        browser.waitFor(By.cssSelector("#evaluation canvas"));
        assertThat(browser.driver.findElements(By.cssSelector("#evaluation table.confusion"))).hasSize(2);
        assertThat(browser.driver.findElement(By.id("evaluation")).getText()).contains("ROC curves").contains("Feature importance");
        assertThat(browser.driver.getCurrentUrl()).contains("#/runs/compare?ids=");
        browser.screenshot("2-run-comparison");
    }

    @Test
    @Order(3)
    void aViewerSeesNoApproveButtonAndTheApiRefusesAViewerAnyway() {
        browser.show("#/models");
        WebElement approvals = browser.waitFor(By.cssSelector("#approvals table"));
        assertThat(approvals.getText()).contains(MODEL).contains("console-scientist");
        assertThat(browser.driver.findElements(By.cssSelector("button.approve"))).isEmpty();
        assertThat(browser.driver.findElement(By.id("approvals")).getText()).contains("Only approvers decide");
        browser.screenshot("3-viewer-approvals");

        String id = pendingApprovalId();
        HttpResponse<String> refused = admin.withKey(viewerKey)
                .post("/api/v1/registry/approvals/" + id + "/approve", "application/json", "{\"reason\":\"sneaky\"}");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(admin.json(admin.get("/api/v1/registry/approvals/" + id)).get("status").asString()).isEqualTo("PENDING");
    }

    @Test
    @Order(4)
    void anApproverApprovesThePromotionAndTheTimelineShowsIt() {
        browser.signOut();
        browser.signIn(approverKey);
        browser.show("#/models");
        WebElement approve = browser.waitFor(By.cssSelector("#approvals button.approve"));
        assertThat(approve.getDomAttribute("aria-label")).isEqualTo("Approve moving champion of " + MODEL + " to version 2");
        browser.driver.findElement(By.cssSelector("#approvals input[name=reason]")).sendKeys("AUC up, calibration checked");
        browser.screenshot("4-approver-before");
        approve.click();
        browser.waitForText(By.id("approvals"), "No move is waiting for approval");

        JsonNode champion = admin.json(admin.get("/api/v1/registry/models/" + MODEL + "/aliases/champion"));
        assertThat(champion.get("version").asString()).isEqualTo("2");

        browser.show("#/models/" + MODEL);
        WebElement timeline = browser.waitFor(By.id("alias-timeline"));
        assertThat(timeline.getText()).contains("set to v1").contains("v1 → v2").contains("console-approver");
        browser.waitFor(By.cssSelector("#versions table"));
        browser.driver.findElement(By.linkText("v2")).click();
        WebElement lineage = browser.waitFor(By.cssSelector("#lineage ol.lineage"));
        assertThat(lineage.getText()).contains("student-mat").contains("xgboost");
        browser.waitFor(By.cssSelector("#model-card h3, #model-card h4, #model-card p"));
        browser.screenshot("5-model-after-approval");
    }

    @Test
    @Order(5)
    void anApproverRejectsAMoveWithAReasonAndTheAliasStays() {
        HttpResponse<String> requested = admin.withKey(scientistKey).post("/api/v1/registry/models/" + MODEL
                + "/aliases/champion/moves", "application/json", "{\"version\":\"1\",\"reason\":\"back to the forest\"}");
        assertThat(requested.statusCode()).as(requested.body()).isEqualTo(202);
        browser.show("#/models/" + MODEL);
        WebElement reject = browser.waitFor(By.cssSelector("#model-approvals button.reject"));
        assertThat(reject.getDomAttribute("aria-label")).isEqualTo("Reject moving champion of " + MODEL + " to version 1");
        browser.driver.findElement(By.cssSelector("#model-approvals input[name=reason]")).sendKeys("the forest lost on AUC");
        reject.click();
        browser.waitForText(By.id("model-approvals"), "No move is waiting for approval");

        assertThat(admin.json(admin.get("/api/v1/registry/models/" + MODEL + "/aliases/champion")).get("version").asString())
                .isEqualTo("2");
        JsonNode decided = admin.json(admin.get("/api/v1/registry/approvals?status=REJECTED&model=" + MODEL));
        assertThat(decided).hasSize(1);
        assertThat(decided.get(0).toString()).contains("console-approver").contains("the forest lost on AUC");
    }

    @Test
    @Order(6)
    void theMonitoringPageShowsDriftOrSaysPlainlyThatItIsNotThere() {
        HttpResponse<String> rules = admin.put("/api/v1/models/" + MODEL + "/traffic",
                "{\"canaryAlias\":\"challenger\",\"canaryShare\":0.1}");
        assertThat(rules.statusCode()).as(rules.body()).isEqualTo(200);
        browser.show("#/monitoring?model=" + MODEL);
        // drift needs predictions: without served traffic the page says what is missing instead of breaking
        WebElement drift = browser.loaded("drift");
        assertThat(drift.findElements(By.cssSelector("table, .notice"))).isNotEmpty();
        assertThat(drift.getText()).doesNotContainIgnoringCase("TypeError").doesNotContain("undefined");
        WebElement serving = browser.loaded("serving");
        assertThat(serving.findElements(By.cssSelector("table, .notice"))).isNotEmpty();
        browser.loaded("training-jobs");
        // no version of this model could be served (its versions point at no bundle), so serving has no traffic of it
        browser.loaded("traffic");
        assertThat(browser.textOf("#traffic .notice.info")).contains(MODEL);
        assertThat(browser.textOf("#traffic-rules")).contains("canary: challenger answers 10 % of requests");
        WebElement alerts = browser.loaded("alerts");
        assertThat(alerts.getText()).contains("Monitoring has raised no alert about " + MODEL);
        browser.screenshot("6-monitoring");
    }

    @Test
    @Order(7)
    void aServiceThatDoesNotAnswerIsNamedAndTheRestOfThePageWorks() {
        browser.block("*/api/v1/monitoring/*", "*/api/v1/models/*/stats");
        try {
            browser.show("#/monitoring?model=" + MODEL);
            browser.waitForText(By.id("drift"), "monitoring is not answering");
            browser.waitForText(By.id("traffic"), "serving is not answering");
            assertThat(browser.driver.findElement(By.cssSelector("#drift .notice.warn")).isDisplayed()).isTrue();
            browser.waitForText(By.id("performance"), "monitoring is not answering");
            browser.waitFor(By.cssSelector("#training-jobs table, #training-jobs .notice.info"));
            browser.screenshot("7-monitoring-not-answering");
        }
        finally {
            browser.block();
        }
    }

    @Test
    @Order(8)
    void everyPageFitsALaptopScreenAndWorksFromTheKeyboard() {
        browser.windowWidth(1280);
        try {
            List<String> pages = List.of("#/datasets/student-mat", "#/runs", "#/runs/compare?ids=" + runIds.get(1) + "," + runIds.get(2),
                    "#/models/" + MODEL + "/2", "#/monitoring?model=" + MODEL);
            // a fresh document, so its resource timings hold every file and call of the pages below
            browser.driver.navigate().refresh();
            for (String page : pages) {
                browser.show(page);
                browser.waitUntil(d -> (Boolean) browser.script(
                        "return !!document.querySelector('#page h1') && !document.querySelector('[aria-busy]')"));
                assertThat(browser.fitsTheWindow()).as("%s needs no sideways scrolling at 1280 pixels", page).isTrue();
            }
            // scripts, styles and every call came from the gateway itself: no CDN, no other host
            List<?> elsewhere = (List<?>) browser.script("return performance.getEntriesByType('resource')"
                    + ".map(e => e.name).filter(url => !url.startsWith(location.origin + '/'))");
            assertThat(elsewhere).isEmpty();
            assertThat((Long) browser.script("return performance.getEntriesByType('resource')"
                    + ".filter(e => e.name.includes('/console/vendor/chart.js/')).length")).isPositive();
            browser.screenshot("8-monitoring-at-1280");

            // the first Tab reaches the skip link, which moves focus to the page without leaving it
            browser.show("#/runs");
            browser.waitFor(By.cssSelector("#runs-results table"));
            new Actions(browser.driver).sendKeys(Keys.TAB).perform();
            assertThat(focused("className")).isEqualTo("skip");
            assertThat(focused("outlineStyle")).isEqualTo("solid");
            new Actions(browser.driver).sendKeys(Keys.ENTER).perform();
            assertThat(focused("id")).isEqualTo("main");
            assertThat(browser.driver.getCurrentUrl()).endsWith("#/runs");
            new Actions(browser.driver).sendKeys(Keys.TAB).perform();
            assertThat(focused("id")).isEqualTo("experiment");
            assertThat(focused("outlineStyle")).isEqualTo("solid");

            // sorting, choosing runs and comparing them, from the keyboard alone
            browser.driver.findElement(By.xpath("//th/button[text()='test_accuracy']")).sendKeys(Keys.ENTER);
            assertThat(browser.driver.findElement(By.xpath("//th[button[text()='test_accuracy']]")).getDomAttribute("aria-sort"))
                    .isEqualTo("ascending");
            List<WebElement> picks = browser.driver.findElements(By.cssSelector("input.pick-run"));
            picks.get(0).sendKeys(Keys.SPACE);
            picks.get(1).sendKeys(Keys.SPACE);
            browser.driver.findElement(By.id("compare-button")).sendKeys(Keys.ENTER);
            browser.waitFor(By.id("compare-table"));
            assertThat(browser.driver.getCurrentUrl()).contains("#/runs/compare?ids=");
        }
        finally {
            browser.windowWidth(1440);
        }
    }

    /** A property of the element that has the keyboard focus: its id, class or computed outline style. */
    private static String focused(String property) {
        return (String) browser.script("const e = document.activeElement; return '" + property + "' in e ? String(e['"
                + property + "']) : getComputedStyle(e)['" + property + "']");
    }

    // --- the data, through the public API

    private static String createKey(String name, String role) {
        HttpResponse<String> created = admin.post("/api/v1/admin/api-keys", "application/json",
                "{\"name\":\"" + name + "\",\"roles\":[\"" + role + "\"]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return admin.json(created).get("key").asString();
    }

    private static String loadStudentDataset() throws IOException {
        String csv = Files.readString(STUDENT_MAT, StandardCharsets.UTF_8);
        HttpResponse<String> inferred = admin.post("/api/v1/datasets/infer?name=student-mat&target=G3", "text/csv", csv);
        assertThat(inferred.statusCode()).as(inferred.body()).isEqualTo(200);
        String schema = admin.json(inferred).get("schema").toString();
        assertThat(admin.post("/api/v1/datasets", "application/json", schema).statusCode()).isEqualTo(201);
        String batch = upload(csv);
        awaitComplete(batch);
        return batch;
    }

    /** A later file: 20 students seen again with one more absence (new records), and 2 rows with an age of 35. */
    private static String laterBatch(String csv) {
        String[] lines = csv.split("\r?\n");
        List<String> out = new java.util.ArrayList<>(List.of(lines[0]));
        String header = lines[0];
        List<String> columns = List.of(header.replace("\"", "").split(";"));
        int absences = columns.indexOf("absences");
        int age = columns.indexOf("age");
        for (int row = 1; row <= 22; row++) {
            String[] fields = lines[row].split(";", -1);
            if (row <= 20) {
                fields[absences] = String.valueOf(Integer.parseInt(fields[absences].replace("\"", "")) + 1);
            }
            else {
                fields[age] = "35";
            }
            out.add(String.join(";", fields));
        }
        return String.join("\n", out) + "\n";
    }

    private static String upload(String csv) {
        HttpResponse<String> accepted = admin.post("/api/v1/datasets/student-mat/records", "text/csv", csv);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        return admin.json(accepted).get("batchId").asString();
    }

    private static JsonNode awaitComplete(String batch) {
        return await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .until(() -> admin.json(admin.get("/api/v1/ingestions/" + batch)),
                        s -> "complete".equals(s.get("status").asString()));
    }

    private static JsonNode snapshot(long rows) {
        // the feature store stores the validated records a moment after validation counted them
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            HttpResponse<String> made = admin.post("/api/v1/snapshots", "application/json", "{\"dataset\":\"student-mat\"}");
            return made.statusCode() == 201 ? admin.json(made) : null;
        }, s -> s != null && s.get("rowCount").asLong() == rows);
    }

    /** Three runs as training logs them: parameters, metrics with a history, lineage tags, evaluation artifacts. */
    private static List<String> logRuns(String snapshotSha, String batch) {
        JsonNode experiment = mlflow("experiments/create", Map.of("name", "student-pass"));
        String experimentId = experiment.get("experiment_id").asString();
        List<String> ids = new java.util.ArrayList<>();
        Object[][] runs = {{"logistic-regression", 0.81, 0.78}, {"random-forest", 0.86, 0.84}, {"xgboost", 0.88, 0.86}};
        for (Object[] run : runs) {
            String algorithm = (String) run[0];
            double accuracy = (double) run[1];
            JsonNode created = mlflow("runs/create", Map.of("experiment_id", experimentId, "run_name", algorithm,
                    "start_time", System.currentTimeMillis()));
            String id = created.get("run").get("info").get("run_id").asString();
            long now = System.currentTimeMillis();
            List<Map<String, Object>> metrics = new java.util.ArrayList<>();
            for (int step = 0; step < 5; step++) {
                metrics.add(Map.of("key", "cv_accuracy", "value", accuracy - 0.1 + 0.02 * step, "timestamp", now + step, "step", step));
            }
            metrics.add(Map.of("key", "test_accuracy", "value", accuracy, "timestamp", now, "step", 0));
            metrics.add(Map.of("key", "test_auc", "value", (double) run[2] + 0.05, "timestamp", now, "step", 0));
            mlflow("runs/log-batch", Map.of("run_id", id, "metrics", metrics,
                    "params", List.of(Map.of("key", "algorithm", "value", algorithm), Map.of("key", "seed", "value", "42")),
                    "tags", List.of(Map.of("key", "vops.dataset", "value", "student-mat"),
                            Map.of("key", "vops.snapshot.sha256", "value", snapshotSha),
                            Map.of("key", "vops.pipeline", "value", "student-pass"),
                            Map.of("key", "vops.ingestion.batches", "value", batch))));
            if (!algorithm.startsWith("logistic")) {
                artifact(id, "evaluation/confusion_matrix.json",
                        Map.of("classNames", List.of("fail", "pass"), "counts", List.of(List.of(20, 6), List.of(5, 48))));
                artifact(id, "evaluation/roc.json", Map.of("pass", List.of(
                        Map.of("threshold", 1.0, "falsePositiveRate", 0.0, "truePositiveRate", 0.0),
                        Map.of("threshold", 0.5, "falsePositiveRate", 0.2, "truePositiveRate", accuracy),
                        Map.of("threshold", 0.0, "falsePositiveRate", 1.0, "truePositiveRate", 1.0))));
                artifact(id, "evaluation/precision_recall.json", Map.of("pass", List.of(
                        Map.of("threshold", 1.0, "precision", 1.0, "recall", 0.0),
                        Map.of("threshold", 0.5, "precision", accuracy, "recall", 0.8),
                        Map.of("threshold", 0.0, "precision", 0.67, "recall", 1.0))));
                artifact(id, "evaluation/feature_importance.json", List.of(
                        Map.of("feature", "G2", "importance", 0.31, "std", 0.02),
                        Map.of("feature", "G1", "importance", 0.12, "std", 0.01),
                        Map.of("feature", "absences", "importance", 0.04, "std", 0.01)));
            }
            mlflow("runs/update", Map.of("run_id", id, "status", "FINISHED", "end_time", System.currentTimeMillis()));
            ids.add(id);
        }
        return ids;
    }

    /** Version 1 (random forest) is champion; moving champion needs an approval, and a data scientist asks for v2. */
    private static void registerModelAwaitingApproval(PlatformHttp scientist) {
        mlflow("registered-models/create", Map.of("name", MODEL, "description", "Will a student pass mathematics?"));
        mlflow("model-versions/create", Map.of("name", MODEL, "source", "models:/student-pass/random-forest", "run_id", runIds.get(1)));
        mlflow("model-versions/create", Map.of("name", MODEL, "source", "models:/student-pass/xgboost", "run_id", runIds.get(2)));
        mlflow("registered-models/alias", Map.of("name", MODEL, "alias", "champion", "version", "1"));
        HttpResponse<String> policy = admin.put("/api/v1/registry/models/" + MODEL + "/aliases/champion/policy",
                "{\"requiresApproval\":true}");
        assertThat(policy.statusCode()).as(policy.body()).isEqualTo(200);
        HttpResponse<String> requested = scientist.post("/api/v1/registry/models/" + MODEL + "/aliases/champion/moves",
                "application/json", "{\"version\":\"2\",\"reason\":\"xgboost beats the forest on AUC\"}");
        assertThat(requested.statusCode()).as(requested.body()).isEqualTo(202);
    }

    private static String pendingApprovalId() {
        JsonNode pending = admin.json(admin.get("/api/v1/registry/approvals?status=PENDING&model=" + MODEL));
        assertThat(pending).hasSize(1);
        return pending.get(0).get("id").asString();
    }

    private static JsonNode mlflow(String endpoint, Object body) {
        HttpResponse<String> response = admin.post("/api/2.0/mlflow/" + endpoint, "application/json", JSON.writeValueAsString(body));
        assertThat(response.statusCode()).as(endpoint + ": " + response.body()).isEqualTo(200);
        return admin.json(response);
    }

    private static void artifact(String runId, String path, Object json) {
        HttpResponse<String> stored = admin.put("/api/v1/registry/runs/" + runId + "/artifacts/" + path, JSON.writeValueAsString(json));
        assertThat(stored.statusCode()).as(stored.body()).isIn(200, 201);
    }
}
