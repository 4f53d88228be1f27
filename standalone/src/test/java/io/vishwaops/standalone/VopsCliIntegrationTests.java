package io.vishwaops.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import io.vishwaops.cli.Vops;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code vops} against the running standalone platform, as a data engineer and a data scientist use it: every
 * subcommand's happy path, and the mistakes people make — a wrong file, an unknown name, a refused key — each a one-line
 * error and an exit code a shell can test.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VopsCliIntegrationTests {

    /** The repository's copy of the UCI file (examples/student-intelligence/data), as a new user has it. */
    private static final Path STUDENT_MAT = Path.of("..", "examples", "student-intelligence", "data", "student-mat.csv");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path dataDir;

    @TempDir
    static Path work;

    private static StandalonePlatform platform;
    private static PlatformHttp admin;

    record Result(int exit, String out, String err) {
        JsonNode json() {
            return JSON.readTree(out);
        }
    }

    @BeforeAll
    static void start() {
        platform = StandalonePlatform.start(FreePorts.options(dataDir));
        admin = PlatformHttp.admin(platform);
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    private static Result vops(String... args) {
        return vopsWithKey(admin.apiKey(), args);
    }

    private static Result vopsWithKey(String key, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Map<String, String> env = new HashMap<>();
        env.put("VOPS_URL", "http://localhost:" + platform.options().gatewayPort());
        if (key != null) {
            env.put("VOPS_KEY", key);
        }
        int exit = Vops.run(args, new PrintWriter(out), new PrintWriter(err), env);
        return new Result(exit, out.toString(), err.toString());
    }

    @Test
    @Order(1)
    void datasetsInferCreateIngestListShow() throws Exception {
        Result inferred = vops("datasets", "infer", STUDENT_MAT.toString(), "--name", "student-mat", "--target", "G3");
        assertThat(inferred.exit()).as(inferred.err()).isZero();
        assertThat(inferred.json().get("columns")).hasSize(33);
        Path schema = work.resolve("student-mat.json");
        Files.writeString(schema, inferred.out());

        Result created = vops("datasets", "create", schema.toString());
        assertThat(created.exit()).as(created.err()).isZero();
        assertThat(created.out()).contains("dataset student-mat version 1 saved");

        Result ingested = vops("datasets", "ingest", "student-mat", STUDENT_MAT.toString(), "--wait");
        assertThat(ingested.exit()).as(ingested.err()).isZero();
        assertThat(ingested.out()).containsPattern("received 395, valid 395, quarantined 0");

        Result list = vops("datasets", "list");
        assertThat(list.out()).contains("NAME").containsPattern("student-mat\\s+1\\s+regression\\s+G3\\s+33");
        Result json = vops("-o", "json", "datasets", "list");
        assertThat(json.json().get(0).get("name").asString()).isEqualTo("student-mat");

        Result show = vops("datasets", "show", "student-mat");
        assertThat(show.out()).containsPattern("absences\\s+integer");
    }

    @Test
    @Order(2)
    void mistakesGiveOneLineAndAnExitCode() throws Exception {
        Result missingFile = vops("datasets", "create", work.resolve("nope.json").toString());
        assertThat(missingFile.exit()).isEqualTo(4);
        assertThat(missingFile.err().strip()).isEqualTo("vops: " + work.resolve("nope.json") + ": no such file");

        Path broken = work.resolve("broken.yaml");
        Files.writeString(broken, "name: x\ncolumns: [\n");
        Result brokenYaml = vops("datasets", "create", broken.toString());
        assertThat(brokenYaml.exit()).isEqualTo(4);
        assertThat(brokenYaml.err()).startsWith("vops: " + broken + ": not valid YAML").doesNotContain("\tat ");

        Result unknown = vops("datasets", "show", "no-such-dataset");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err().lines()).hasSize(1);
        assertThat(unknown.err()).startsWith("vops: 404").contains("no-such-dataset");

        Result refused = vopsWithKey("vops_not-a-real-key", "datasets", "list");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err().lines()).hasSize(1);
        assertThat(refused.err()).startsWith("vops: 401");

        Result noModel = vops("models", "card", "no-such-model", "1");
        assertThat(noModel.exit()).isEqualTo(1);
        assertThat(noModel.err()).startsWith("vops: 404");

        Result usage = vops("datasets", "ingest", "only-one-argument");
        assertThat(usage.exit()).isEqualTo(2);
    }

    @Test
    @Order(3)
    void runsListAndCompare() {
        String experiment = "cli-runs";
        String experimentId = admin.json(admin.post("/api/2.0/mlflow/experiments/create", "application/json",
                "{\"name\":\"" + experiment + "\"}")).get("experiment_id").asString();
        String first = run(experimentId, "forest", 0.91, "300");
        String second = run(experimentId, "boosting", 0.88, "100");

        Result list = vops("runs", "list", "-e", experiment, "--order-by", "metrics.f1_macro DESC");
        assertThat(list.exit()).as(list.err()).isZero();
        assertThat(list.out().lines().toList()).element(1).asString().startsWith(first).contains("forest", "0.91");
        assertThat(list.out()).contains(second);
        Result filtered = vops("-o", "json", "runs", "list", "-e", experiment, "--filter", "metrics.f1_macro < 0.9");
        assertThat(filtered.json().get("runs")).hasSize(1);

        Result compare = vops("runs", "compare", first, second);
        assertThat(compare.exit()).as(compare.err()).isZero();
        assertThat(compare.out()).containsPattern("param trees\\s+300\\s+100").containsPattern("metric f1_macro\\s+0.91\\s+0.88");
    }

    @Test
    @Order(4)
    void modelsListPromoteApproveCard() {
        String runId = run(admin.json(admin.post("/api/2.0/mlflow/experiments/create", "application/json",
                "{\"name\":\"cli-models\"}")).get("experiment_id").asString(), "forest", 0.9, "50");
        admin.post("/api/2.0/mlflow/registered-models/create", "application/json", "{\"name\":\"cli-model\"}");
        for (int i = 0; i < 2; i++) {
            assertThat(admin.post("/api/2.0/mlflow/model-versions/create", "application/json",
                    "{\"name\":\"cli-model\",\"source\":\"runs:/" + runId + "/model\",\"run_id\":\"" + runId + "\"}")
                    .statusCode()).isEqualTo(200);
        }
        Result promoted = vops("models", "promote", "cli-model", "1", "--reason", "first");
        assertThat(promoted.exit()).as(promoted.err()).isZero();
        assertThat(promoted.out()).contains("cli-model champion → version 1");
        assertThat(vops("models", "list").out()).containsPattern("cli-model\\s+2\\s+champion=1");

        admin.put("/api/v1/registry/models/cli-model/aliases/champion/policy", "{\"requiresApproval\": true}");
        Result requested = vops("-o", "json", "models", "promote", "cli-model", "2", "--reason", "better on the test set");
        assertThat(requested.exit()).as(requested.err()).isZero();
        String approval = requested.json().get("id").asString();
        assertThat(vops("models", "approvals", "--model", "cli-model").out()).contains(approval);

        Result own = vops("models", "approve", approval);
        assertThat(own.exit()).isEqualTo(1);
        assertThat(own.err()).startsWith("vops: 403");
        String approver = admin.json(admin.post("/api/v1/admin/api-keys", "application/json",
                "{\"name\":\"cli-approver\",\"roles\":[\"approver\",\"viewer\"]}")).get("key").asString();
        Result approved = vopsWithKey(approver, "models", "approve", approval, "--reason", "checked");
        assertThat(approved.exit()).as(approved.err()).isZero();
        assertThat(approved.out()).contains("approved");
        assertThat(vops("models", "list").out()).containsPattern("cli-model\\s+2\\s+champion=2");

        String back = vops("-o", "json", "models", "promote", "cli-model", "1", "--reason", "roll back").json()
                .get("id").asString();
        Result rejected = vopsWithKey(approver, "models", "reject", back, "--reason", "version 2 is fine");
        assertThat(rejected.exit()).as(rejected.err()).isZero();
        assertThat(rejected.out()).contains("rejected");
        assertThat(vops("models", "list").out()).containsPattern("cli-model\\s+2\\s+champion=2");

        Result card = vops("models", "card", "cli-model", "2");
        assertThat(card.exit()).as(card.err()).isZero();
        assertThat(card.out()).contains("cli-model").contains("champion");
    }

    @Test
    @Order(5)
    void pipelinesApplyRunWatchListThenPredictAndDrift() throws Exception {
        Path spec = work.resolve("student-pass.yaml");
        Files.writeString(spec, """
                name: cli-student-pass
                dataset: student-mat
                target: {column: G3, expression: "G3 >= 10", classes: [fail, pass]}
                task: binary
                features:
                  columns: [school, sex, age, studytime, failures, higher, absences, G1]
                candidates:
                  - algorithm: logistic_regression
                    parameters: {lambda: [0.1, 1.0]}
                cvFolds: 3
                primaryMetric: accuracy
                gates:
                  - {metric: accuracy, min: 0.6}
                approval: auto
                """);
        Result applied = vops("pipelines", "apply", spec.toString());
        assertThat(applied.exit()).as(applied.err()).isZero();
        assertThat(applied.out()).contains("pipeline cli-student-pass version 1 saved");
        assertThat(vops("pipelines", "list").out()).containsPattern("cli-student-pass\\s+1\\s+student-mat\\s+binary\\s+accuracy");

        Path wrong = work.resolve("wrong.yaml");
        Files.writeString(wrong, Files.readString(spec).replace("absences, G1", "absense, G1"));
        Result refused = vops("pipelines", "apply", wrong.toString());
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err().lines()).hasSize(1);
        assertThat(refused.err()).startsWith("vops: 400").contains("absense");

        Result ran = vops("pipelines", "run", "cli-student-pass", "--wait");
        assertThat(ran.exit()).as(ran.err()).isZero();
        assertThat(ran.out()).containsPattern("job \\S+ succeeded: cli-student-pass version 1 \\(logistic_regression\\), gate: promoted");
        String job = ran.out().split(" ")[1];
        assertThat(vops("pipelines", "watch", job).out()).contains("succeeded");

        Result one = vops("predict", "cli-student-pass", "--data",
                "{\"school\":\"GP\",\"sex\":\"F\",\"age\":17,\"studytime\":3,\"failures\":0,\"higher\":\"yes\",\"absences\":2,\"G1\":15}");
        assertThat(one.exit()).as(one.err()).isZero();
        assertThat(one.out()).containsPattern("pass\\s+\\{\"fail\":[0-9.E-]+,\"pass\":[0-9.E-]+\\}\\s+1\\s+[0-9a-f-]{36}");
        Path rows = work.resolve("rows.ndjson");
        Files.writeString(rows, """
                {"school":"GP","sex":"M","age":18,"studytime":1,"failures":3,"higher":"no","absences":30,"G1":4}
                {"school":"MS","sex":"F","age":16,"studytime":4,"failures":0,"higher":"yes","absences":0,"G1":18}
                """);
        Result many = vops("-o", "json", "predict", "cli-student-pass", "--file", rows.toString());
        assertThat(many.exit()).as(many.err()).isZero();
        assertThat(many.json().get("predictions")).hasSize(2);
        assertThat(many.json().at("/predictions/0/prediction").asString()).isEqualTo("fail");
        assertThat(many.json().at("/predictions/1/prediction").asString()).isEqualTo("pass");

        Result badRow = vops("predict", "cli-student-pass", "--data", "{\"age\": \"old\"}");
        assertThat(badRow.exit()).isEqualTo(1);
        assertThat(badRow.err().lines()).hasSize(1);
        assertThat(badRow.err()).startsWith("vops: 400").contains("age");
        Result noModel = vops("predict", "no-such-model", "--data", "{}");
        assertThat(noModel.exit()).isEqualTo(1);
        assertThat(noModel.err()).startsWith("vops: 404");

        Result drift = awaitDrift("cli-student-pass");
        assertThat(drift.exit()).as(drift.err()).isZero();
        assertThat(drift.out()).contains("FEATURE").containsPattern("absences\\s+\\S+\\s+[0-9.]+");
    }

    /** Monitoring takes the predictions in asynchronously: ask until it knows the version. */
    private static Result awaitDrift(String model) throws InterruptedException {
        Result drift = null;
        for (int i = 0; i < 60; i++) {
            drift = vops("drift", model);
            if (drift.exit() == 0 && drift.out().contains("absences")) {
                return drift;
            }
            Thread.sleep(1000);
        }
        return drift;
    }

    private static String run(String experimentId, String name, double f1, String trees) {
        String runId = admin.json(admin.post("/api/2.0/mlflow/runs/create", "application/json",
                "{\"experiment_id\":\"" + experimentId + "\",\"run_name\":\"" + name + "\"}")).at("/run/info/run_id").asString();
        assertThat(admin.post("/api/2.0/mlflow/runs/log-batch", "application/json", "{\"run_id\":\"" + runId
                + "\",\"metrics\":[{\"key\":\"f1_macro\",\"value\":" + f1 + ",\"timestamp\":1,\"step\":0}],"
                + "\"params\":[{\"key\":\"trees\",\"value\":\"" + trees + "\"}]}").statusCode()).isEqualTo(200);
        return runId;
    }
}
