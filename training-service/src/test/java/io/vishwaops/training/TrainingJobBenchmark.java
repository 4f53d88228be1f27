package io.vishwaops.training;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.vishwaops.feature.FeatureApplication;
import io.vishwaops.ingestion.IngestionApplication;
import io.vishwaops.registry.RegistryApplication;
import io.vishwaops.testsupport.SharedInfrastructure;
import io.vishwaops.validation.ValidationApplication;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Where a training job's time goes, through the real services: the student example's setups A, B and C
 * (examples/student-intelligence/pipelines, 10-fold CV over four algorithms) on one snapshot of the 395 Mathematics
 * students, each job's wall time split by stage. Run by bench/training-jobs.sh; not part of the test run.
 */
class TrainingJobBenchmark {

    private static final Path EXAMPLE = Path.of("..", "examples", "student-intelligence");
    private static final List<String> STAGES = List.of("snapshot", "rows", "selection", "final-fit", "registering",
            "gate");

    private final HttpClient client = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private final List<ConfigurableApplicationContext> services = new ArrayList<>();

    @TempDir
    Path artifacts;

    @Test
    void studentSetupsThroughTheService() throws Exception {
        try {
            String ingestion = start(IngestionApplication.class);
            start(ValidationApplication.class, "--vops.validation.ingestion-url=" + ingestion);
            String features = start(FeatureApplication.class);
            String registry = start(RegistryApplication.class, "--vops.registry.artifact-root=" + artifacts);
            String training = start(TrainingApplication.class, "--vops.training.ingestion-url=" + ingestion,
                    "--vops.training.feature-url=" + features, "--vops.training.registry-url=" + registry,
                    "--vops.training.trial-threads=" + Integer.getInteger("bench.trialThreads", 2));

            String csv = Files.readString(EXAMPLE.resolve("data").resolve("student-mat.csv"), StandardCharsets.UTF_8);
            JsonNode schema = json.readTree(send("POST", ingestion + "/api/v1/datasets/infer?name=student-mat&target=G3",
                    "text/csv", csv)).get("schema");
            send("POST", ingestion + "/api/v1/datasets", "application/json", schema.toString());
            send("POST", ingestion + "/api/v1/datasets/student-mat/records", "text/csv", csv);
            await().atMost(Duration.ofMinutes(5)).until(() -> json.readTree(send("GET", features
                    + "/api/v1/features/student-mat/records?limit=1000", null, null)).size() == 395);
            String snapshot = json.readTree(send("POST", features + "/api/v1/snapshots", "application/json",
                    "{\"dataset\": \"student-mat\"}")).get("id").asString();

            for (String setup : List.of("a", "b", "c")) {
                String name = "student-pass-" + setup;
                send("PUT", training + "/api/v1/pipelines/" + name, "application/yaml",
                        Files.readString(EXAMPLE.resolve("pipelines").resolve(name + ".yaml")));
                String id = json.readTree(send("POST", training + "/api/v1/pipelines/" + name + "/runs",
                        "application/json", "{\"snapshotId\": \"" + snapshot + "\"}")).get("id").asString();
                JsonNode job = await().atMost(Duration.ofHours(1)).pollInterval(Duration.ofMillis(500))
                        .until(() -> json.readTree(send("GET", training + "/api/v1/training-jobs/" + id, null, null)),
                                j -> List.of("succeeded", "failed", "cancelled").contains(j.get("status").asString()));
                assertThat(job.get("status").asString()).as(job.path("error").toString()).isEqualTo("succeeded");
                report(setup, job);
            }
        }
        finally {
            services.reversed().forEach(ConfigurableApplicationContext::close);
        }
    }

    private void report(String setup, JsonNode job) {
        Instant created = Instant.parse(job.get("createdAt").asString());
        Instant finished = Instant.parse(job.get("finishedAt").asString());
        StringBuilder line = new StringBuilder("BENCH setup " + setup.toUpperCase() + ": "
                + job.at("/progress/trialsTotal").asInt() + " trials, job " + seconds(created, finished)
                + " s (queued " + seconds(created, Instant.parse(job.get("startedAt").asString())) + " s");
        JsonNode stages = job.get("stageStartedAt");
        for (int i = 0; i < STAGES.size(); i++) {
            Instant from = Instant.parse(stages.get(STAGES.get(i)).asString());
            Instant to = i + 1 < STAGES.size() ? Instant.parse(stages.get(STAGES.get(i + 1)).asString()) : finished;
            line.append(", ").append(STAGES.get(i)).append(' ').append(seconds(from, to)).append(" s");
        }
        JsonNode result = job.get("result");
        line.append("); best ").append(result.at("/best/algorithm").asString())
                .append(String.format(" cv accuracy %.3f, test accuracy %.3f", result.at("/best/cv").asDouble(),
                        result.at("/testMetrics/accuracy").asDouble()));
        System.out.println(line);
    }

    private static String seconds(Instant from, Instant to) {
        return String.format("%.1f", Duration.between(from, to).toMillis() / 1000.0);
    }

    private String start(Class<?> application, String... extra) {
        List<String> args = new ArrayList<>();
        SharedInfrastructure.serviceProperties().forEach((k, v) -> args.add("--" + k + "=" + v));
        args.add("--server.port=0");
        args.add("--vops.security.enabled=false");
        args.add("--logging.level.root=WARN");
        args.addAll(List.of(extra));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(application).bannerMode(Banner.Mode.OFF)
                .run(args.toArray(String[]::new));
        services.add(context);
        return "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
    }

    private String send(String method, String url, String contentType, String body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(5))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body));
            if (contentType != null) {
                request.header("Content-Type", contentType);
            }
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(method + " " + url + ": " + response.body()).isLessThan(300);
            return response.body();
        }
        catch (Exception ex) {
            throw new IllegalStateException(method + " " + url, ex);
        }
    }
}
