package io.vishwaops.standalone;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * {@code ./start-platform --demo}: the student example end to end through the gateway, as a user would do it —
 * define the dataset, ingest the real file, read the validation report, snapshot it, train and select a pass/fail
 * model, see it registered and promoted, predict, shift the live inputs until monitoring sees drift and asks for a
 * retraining, and see the retrained version promoted and answering. Prints where to look at each step.
 */
final class Demo {

    static final String PIPELINE = "student-pass-b";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private final String base;
    private final String apiKey;
    private final Path example;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private int step;

    Demo(String base, String apiKey, Path example, PrintStream out) {
        this.base = base;
        this.apiKey = apiKey;
        this.example = example;
        this.out = out;
    }

    /** The example folder: beside the working directory (the repository root, where start-platform runs). */
    static Path findExample() {
        for (Path candidate : List.of(Path.of("examples", "student-intelligence"),
                Path.of("..", "examples", "student-intelligence"))) {
            if (Files.isRegularFile(candidate.resolve("data").resolve("student-mat.csv"))) {
                return candidate;
            }
        }
        throw new DemoFailed("the student example is not here: run the demo from the repository root "
                + "(examples/student-intelligence)");
    }

    void run() {
        long began = System.nanoTime();
        out.println();
        out.println("VishwaOps demo: the student-intelligence example, end to end (about five minutes on two cores)");

        if (status("GET", "/api/v1/datasets/student-mat", null, null) != 404) {
            // its records, models and alerts are still there; running it again would only meet them as duplicates
            out.println("The demo has already run on this data directory: what it made is still there. Run it again on "
                    + "an empty one (--data-dir), or look:");
            link("the console (sign in with the key)", "/console/");
            link("the model card", "/api/v1/registry/models/" + PIPELINE + "/versions/1/card");
            link("the drift report", "/api/v1/monitoring/models/" + PIPELINE + "/drift.html");
            return;
        }
        step("Define the dataset student-mat (34 columns, entity key student_id, target G3)");
        JsonNode definition = YAML.readTree(read(example.resolve("datasets").resolve("student-mat.yaml")));
        send("POST", "/api/v1/datasets", "application/json", definition.toString(), 201);
        done("defined");

        step("Ingest the real UCI file (395 students) and let validation judge every row");
        String csv = withIds(read(example.resolve("data").resolve("student-mat.csv")));
        JsonNode receipt = send("POST", "/api/v1/datasets/student-mat/records", "text/csv", csv, 202);
        String batch = receipt.get("batchId").asString();
        JsonNode batchStatus = await("the batch to be validated", Duration.ofMinutes(3),
                () -> get("/api/v1/ingestions/" + batch), s -> "complete".equals(s.path("status").asString()));
        done("received " + batchStatus.get("received").asLong() + ", valid " + batchStatus.get("valid").asLong()
                + ", quarantined " + batchStatus.get("quarantined").asLong());
        link("validation report", "/api/v1/validation/batches/" + batch + "/report.html");

        step("Snapshot the dataset: an immutable, content-hashed version to train on");
        await("the records to reach the offline store", Duration.ofMinutes(2),
                () -> get("/api/v1/features/student-mat/records?limit=1000"), r -> r.size() >= 395);
        JsonNode snapshot = send("POST", "/api/v1/snapshots", "application/json", "{\"dataset\": \"student-mat\"}", 201);
        done(snapshot.get("rowCount").asLong() + " rows, sha-256 " + snapshot.get("sha256").asString());

        step("Train and select: pipeline " + PIPELINE + " (pass if G3 >= 10, setup B), 10-fold CV over four algorithms");
        send("PUT", "/api/v1/pipelines/" + PIPELINE, "application/yaml",
                read(example.resolve("pipelines").resolve(PIPELINE + ".yaml")), -1);
        JsonNode job = send("POST", "/api/v1/pipelines/" + PIPELINE + "/runs", "application/json",
                "{\"snapshotId\": \"" + snapshot.get("id").asString() + "\"}", 202);
        JsonNode finished = awaitJob(job.get("id").asString(), Duration.ofMinutes(20));
        printLeaderboard(finished);
        String firstVersion = finished.at("/result/registered/version").asString("");
        done("best " + finished.at("/result/best/algorithm").asString() + ", test accuracy "
                + String.format("%.3f", finished.at("/result/testMetrics/accuracy").asDouble())
                + "; registered " + PIPELINE + " version " + firstVersion + ", gate: "
                + finished.at("/result/gate/verdict").asString("?"));
        link("the experiment (MLflow API)", "/api/2.0/mlflow/experiments/get-by-name?experiment_name=" + PIPELINE);
        link("its model card", "/api/v1/registry/models/" + PIPELINE + "/versions/" + firstVersion + "/card");

        step("Promote: the auto policy moved the alias champion");
        JsonNode champion = get("/api/v1/registry/models/" + PIPELINE + "/aliases/champion");
        done("champion = version " + champion.path("version").asString());

        step("Predict through the gateway: by student id (features from the online store) and from raw values");
        List<ObjectNode> rows = studentRows(csv);
        JsonNode byEntity = awaitServing(() -> send("POST", "/api/v1/models/" + PIPELINE + "/predict",
                "application/json", "{\"entityId\": \"mat-17\"}", 200));
        out.println("    student mat-17: " + summary(byEntity));
        JsonNode byValues = send("POST", "/api/v1/models/" + PIPELINE + "/predict", "application/json",
                JSON.writeValueAsString(Map.of("records", List.of(inputsOnly(rows.get(0))))), 200);
        out.println("    raw values of student mat-1: " + summary(byValues));
        link("Open Inference Protocol metadata", "/v2/models/" + PIPELINE);

        step("Simulate drift: a new cohort misses three times as many classes, and half of it flips on higher education");
        JsonNode policy = send("PUT", "/api/v1/monitoring/models/" + PIPELINE + "/policy", "application/json",
                "{\"driftShare\": 0.05, \"retraining\": {\"onDrift\": true, \"minSamples\": 300}}", 200);
        out.println("    retraining policy: retrain when at least 5% of the features drift, from 300 predictions on ("
                + policy.at("/effective/coolDown").asString("") + " cool-down)");
        StringBuilder cohort = new StringBuilder(csv.substring(0, csv.indexOf('\n') + 1));
        List<Map<String, Object>> shifted = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            ObjectNode row = rows.get(i).deepCopy();
            row.put("student_id", "mat-b2-" + (i + 1));
            row.put("absences", Math.min(93, row.get("absences").asInt() * 3));
            if (i % 2 == 0) {
                row.put("higher", "yes".equals(row.get("higher").asString()) ? "no" : "yes");
            }
            cohort.append(toCsvLine(row)).append('\n');
            shifted.add(inputsOnly(row));
        }
        // the cohort's records (with last term's grades) reach the platform as data engineers send them in...
        String cohortBatch = send("POST", "/api/v1/datasets/student-mat/records", "text/csv", cohort.toString(), 202)
                .get("batchId").asString();
        await("the new cohort to be validated", Duration.ofMinutes(3), () -> get("/api/v1/ingestions/" + cohortBatch),
                st -> "complete".equals(st.path("status").asString()));
        // ...and the school's app asks the champion about each student
        send("POST", "/api/v1/models/" + PIPELINE + "/predict", "application/json",
                JSON.writeValueAsString(Map.of("records", shifted)), 200);
        JsonNode drift = await("monitoring to see the drift", Duration.ofMinutes(3),
                () -> get("/api/v1/monitoring/models/" + PIPELINE + "/drift"), Demo::datasetDrifted);
        done("drifted features: " + String.join(", ", driftedFeatures(drift)) + " (of "
                + drift.path("features").size() + ")");
        link("drift report", "/api/v1/monitoring/models/" + PIPELINE + "/drift.html");

        step("Retrain with no human in the loop: monitoring asked for it, training ran it on a fresh snapshot, the gate decided");
        JsonNode jobs = await("the retraining job", Duration.ofMinutes(20),
                () -> get("/api/v1/training-jobs?pipeline=" + PIPELINE + "&limit=5"),
                list -> first(list, j -> "retraining".equals(j.path("trigger").asString())
                        && List.of("succeeded", "failed", "cancelled").contains(j.path("status").asString())) != null);
        JsonNode retrainJob = first(jobs, j -> "retraining".equals(j.path("trigger").asString()));
        if (!"succeeded".equals(retrainJob.path("status").asString())) {
            throw new DemoFailed("the retraining job " + retrainJob.path("status").asString() + ": "
                    + retrainJob.path("error").asString(""));
        }
        JsonNode gate = retrainJob.at("/result/gate");
        out.println("    job " + retrainJob.path("id").asString() + " on " + retrainJob.at("/result/snapshot/rows").asLong()
                + " rows: version " + retrainJob.at("/result/registered/version").asString() + ", gate " + gate.path("verdict").asString());
        for (JsonNode rule : gate.path("gates")) {
            out.printf("      %-40s %s%n", rule.path("rule").asString(), rule.path("passed").asBoolean() ? "passed" : "failed");
        }
        if ("promoted".equals(gate.path("verdict").asString())) {
            String version = retrainJob.at("/result/registered/version").asString();
            JsonNode answer = await("serving to answer with version " + version, Duration.ofMinutes(2),
                    () -> send("POST", "/api/v1/models/" + PIPELINE + "/predict", "application/json",
                            "{\"entityId\": \"mat-b2-17\"}", 200),
                    a -> version.equals(a.path("version").asString()));
            done("champion = version " + version + "; serving answers with it: " + summary(answer));
        } else {
            done("the gate kept version " + champion.path("version").asString() + " as champion: the retrained model "
                    + "did not beat it on the same held-out rows");
        }

        out.println();
        out.printf("Demo finished in %.0f s. Where to look (send X-Api-Key with each request):%n",
                (System.nanoTime() - began) / 1e9);
        link("the console (sign in with the key)", "/console/");
        link("platform status", "/api/v1/platform/status");
        link("Swagger UI", "/swagger-ui.html");
        link("the validation report", "/api/v1/validation/batches/" + batch + "/report.html");
        link("the model card", "/api/v1/registry/models/" + PIPELINE + "/versions/" + firstVersion + "/card");
        link("the drift report", "/api/v1/monitoring/models/" + PIPELINE + "/drift.html");
        link("Prometheus metrics (gateway)", "/actuator/prometheus");
        out.println("  the same from a shell: ./vops models list, ./vops runs list -e " + PIPELINE + ", ./vops drift "
                + PIPELINE);
        out.println();
    }

    // ---- the steps' helpers

    private void step(String what) {
        step++;
        out.printf("%n[%d] %s%n", step, what);
    }

    private void done(String what) {
        out.println("    " + what);
    }

    private void link(String what, String path) {
        out.println("    " + what + ": " + base + path);
    }

    private void printLeaderboard(JsonNode job) {
        JsonNode board = job.path("leaderboard");
        int shown = 0;
        for (JsonNode trial : board) {
            if (shown++ == 5) {
                break;
            }
            out.printf("    %-20s %-45s %s%n", trial.path("algorithm").asString(),
                    trial.path("parameters").toString(), String.format("%.3f", trial.path("primary").asDouble()));
        }
    }

    private static boolean datasetDrifted(JsonNode drift) {
        return drift.at("/dataset/drifted").asBoolean(false) || drift.path("datasetDrifted").asBoolean(false)
                || !driftedFeatures(drift).isEmpty();
    }

    private static List<String> driftedFeatures(JsonNode drift) {
        List<String> names = new ArrayList<>();
        JsonNode features = drift.path("features");
        if (features.isArray()) {
            for (JsonNode f : features) {
                if (f.path("drifted").asBoolean()) {
                    names.add(f.path("feature").asString(f.path("name").asString()));
                }
            }
        } else {
            features.properties().forEach(e -> {
                if (e.getValue().path("drifted").asBoolean()) {
                    names.add(e.getKey());
                }
            });
        }
        return names;
    }

    private static JsonNode first(JsonNode items, Predicate<JsonNode> test) {
        for (JsonNode item : items) {
            if (test.test(item)) {
                return item;
            }
        }
        return null;
    }

    private static String summary(JsonNode answer) {
        JsonNode p = answer.has("predictions") ? answer.get("predictions").get(0) : answer;
        return p.path("prediction").asString() + " " + p.path("probabilities") + " (version "
                + (p.hasNonNull("version") ? p.get("version").asString() : answer.path("version").asString()) + ")";
    }

    /** The student file with a {@code student_id} column first, as the dataset defines it. */
    static String withIds(String csv) {
        String[] lines = csv.split("\r?\n");
        StringBuilder out = new StringBuilder("student_id;").append(lines[0]).append('\n');
        for (int i = 1; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                out.append("\"mat-").append(i).append("\";").append(lines[i]).append('\n');
            }
        }
        return out.toString();
    }

    private static List<ObjectNode> studentRows(String csvWithIds) {
        String[] lines = csvWithIds.split("\n");
        String[] header = lines[0].replace("\"", "").split(";");
        List<ObjectNode> rows = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String[] cells = lines[i].split(";");
            ObjectNode row = JSON.createObjectNode();
            for (int j = 0; j < header.length; j++) {
                String cell = cells[j].replace("\"", "");
                if (cell.matches("-?\\d+")) {
                    row.put(header[j], Integer.parseInt(cell));
                } else {
                    row.put(header[j], cell);
                }
            }
            rows.add(row);
        }
        return rows;
    }

    private static String toCsvLine(ObjectNode row) {
        List<String> cells = new ArrayList<>();
        row.properties().forEach(e -> cells.add(e.getValue().isNumber() ? e.getValue().asString()
                : "\"" + e.getValue().asString() + "\""));
        return String.join(";", cells);
    }

    /** What setup B's model takes: everything but the id, G2 and the target. */
    private static Map<String, Object> inputsOnly(ObjectNode row) {
        Map<String, Object> out = new LinkedHashMap<>();
        row.properties().forEach(e -> {
            String name = e.getKey();
            if (!name.equals("student_id") && !name.equals("G2") && !name.equals("G3")) {
                out.put(name, e.getValue().isNumber() ? (Object) e.getValue().asInt() : e.getValue().asString());
            }
        });
        return out;
    }

    // ---- HTTP

    private JsonNode awaitJob(String id, Duration limit) {
        JsonNode job = await("training job " + id, limit, () -> get("/api/v1/training-jobs/" + id), j -> {
            JsonNode p = j.path("progress");
            out.printf("\r    %s: %s, %d/%d trials%s\u001b[K", j.path("stage").asString(j.path("status").asString()),
                    j.path("status").asString(), p.path("trialsDone").asInt(), p.path("trialsTotal").asInt(),
                    p.hasNonNull("etaSeconds") ? ", about " + p.get("etaSeconds").asLong() + " s left" : "");
            out.flush();
            return List.of("succeeded", "failed", "cancelled").contains(j.path("status").asString());
        });
        out.println();
        if (!"succeeded".equals(job.path("status").asString())) {
            throw new DemoFailed("training job " + id + " " + job.path("status").asString() + ": "
                    + job.path("error").asString(""));
        }
        return job;
    }

    private JsonNode awaitServing(java.util.function.Supplier<JsonNode> call) {
        return await("serving to load the champion", Duration.ofMinutes(2), () -> {
            try {
                return call.get();
            } catch (DemoFailed e) {
                return null;
            }
        }, answer -> answer != null);
    }

    private JsonNode await(String what, Duration limit, java.util.function.Supplier<JsonNode> poll,
            Predicate<JsonNode> done) {
        long deadline = System.nanoTime() + limit.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = poll.get();
            if (last != null && done.test(last)) {
                return last;
            }
            sleep(1000);
        }
        throw new DemoFailed("waited " + limit.toSeconds() + " s for " + what + "; last answer: "
                + (last == null ? "none" : abbreviate(last.toString())));
    }

    private JsonNode get(String path) {
        return send("GET", path, null, null, 200);
    }

    private int status(String method, String path, String contentType, String body) {
        return exchange(method, path, contentType, body).statusCode();
    }

    private JsonNode send(String method, String path, String contentType, String body, int expected) {
        HttpResponse<String> response = exchange(method, path, contentType, body);
        boolean ok = expected < 0 ? response.statusCode() < 300 : response.statusCode() == expected;
        if (!ok) {
            throw new DemoFailed(method + " " + path + " answered " + response.statusCode() + ": "
                    + abbreviate(response.body()));
        }
        return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }

    private HttpResponse<String> exchange(String method, String path, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(2))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (apiKey != null) {
            request.header("X-Api-Key", apiKey);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new DemoFailed(method + " " + path + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoFailed("interrupted");
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 400 ? text.substring(0, 400) + "…" : text;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoFailed("interrupted");
        }
    }

    /** A step that did not work: the demo stops there and says which. */
    static final class DemoFailed extends RuntimeException {
        DemoFailed(String message) {
            super(message);
        }
    }
}
