package io.vishwaops.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.vishwaops.feature.FeatureApplication;
import io.vishwaops.ingestion.IngestionApplication;
import io.vishwaops.mlcore.bundle.ModelBundle;
import io.vishwaops.mlcore.bundle.Prediction;
import io.vishwaops.mlcore.train.Algorithm;
import io.vishwaops.testsupport.HttpProbe;
import io.vishwaops.testsupport.ServiceIntegrationTest;
import io.vishwaops.testsupport.SharedInfrastructure;
import io.vishwaops.validation.ValidationApplication;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A caller names only an entity: its features come from the real online store, fed as records arrive (ingestion,
 * validation and feature-service started in this JVM on the shared broker and PostgreSQL).
 */
@ServiceIntegrationTest
class EntityPredictionIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<ConfigurableApplicationContext> services = new ArrayList<>();
    private static String ingestion;
    private static String features;

    @DynamicPropertySource
    static void upstream(DynamicPropertyRegistry properties) {
        properties.add("vops.serving.registry-url", TestRegistry::url);
        properties.add("vops.serving.feature-url", EntityPredictionIntegrationTests::features);
    }

    private static synchronized String features() {
        if (features == null) {
            ingestion = start(IngestionApplication.class);
            start(ValidationApplication.class, "--vops.validation.ingestion-url=" + ingestion);
            features = start(FeatureApplication.class);
        }
        return features;
    }

    private static String start(Class<?> application, String... extra) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--vops.security.enabled=false",
                "--spring.jmx.enabled=false"));
        SharedInfrastructure.serviceProperties().forEach((k, v) -> args.add("--" + k + "=" + v));
        args.addAll(List.of(extra));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(application).bannerMode(Banner.Mode.OFF)
                .run(args.toArray(String[]::new));
        services.add(context);
        return "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
    }

    @AfterAll
    static void stop() {
        services.reversed().forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void anEntityIdIsScoredWithItsNewestFeaturesFromTheOnlineStore(@LocalServerPort int port) throws Exception {
        HttpProbe serving = HttpProbe.localhost(port);
        HttpProbe ingest = new HttpProbe(ingestion);
        HttpProbe store = new HttpProbe(features);
        String dataset = "levels-" + System.nanoTime();
        var defined = ingest.post("/api/v1/datasets", "application/json", JSON.writeValueAsString(Map.of(
                "name", dataset, "entityKey", "id", "target", "level", "task", "binary",
                "columns", List.of(Map.of("name", "id", "type", "text", "nullable", false),
                        Map.of("name", "x", "type", "numeric"), Map.of("name", "colour", "type", "categorical"),
                        Map.of("name", "flag", "type", "boolean"), Map.of("name", "n", "type", "integer"),
                        Map.of("name", "level", "type", "categorical")))));
        assertThat(defined.statusCode()).as(defined.body()).isEqualTo(201);
        List<Map<String, Object>> records = List.of(
                Map.of("id", "e1", "x", 9.0, "colour", "red", "flag", true, "n", 4, "level", "high"),
                Map.of("id", "e2", "x", 0.5, "colour", "blue", "flag", false, "n", 0, "level", "low"));
        assertThat(ingest.post("/api/v1/datasets/" + dataset + "/records", "application/json",
                JSON.writeValueAsString(records)).statusCode()).isEqualTo(202);
        awaitEntity(store, dataset, "e1");
        awaitEntity(store, dataset, "e2");

        String model = "entities-" + System.nanoTime();
        ModelBundle bundle = TestRegistry.bundle(Algorithm.DECISION_TREE, 0, dataset);
        String version = TestRegistry.champion(model, bundle);
        Prediction e1 = bundle.predict(TestRegistry.row(9.0, "red", true, 4));
        Prediction e2 = bundle.predict(TestRegistry.row(0.5, "blue", false, 0));

        JsonNode one = ok(serving.post("/api/v1/models/" + model + "/predict", "application/json", "{\"entityId\": \"e1\"}"));
        assertThat(one.path("version").asString()).isEqualTo(version);
        assertThat(one.path("predictions").get(0).path("entityId").asString()).isEqualTo("e1");
        assertThat(one.path("predictions").get(0).path("prediction").asString()).isEqualTo(e1.value());
        assertThat(one.path("predictions").get(0).path("probabilities").path("high").asDouble())
                .isEqualTo(e1.probabilities().get("high"));

        JsonNode both = ok(serving.post("/api/v1/models/" + model + "/predict", "application/json",
                "{\"entityIds\": [\"e2\", \"e1\"]}"));
        assertThat(both.path("predictions").get(0).path("probabilities").path("high").asDouble())
                .isEqualTo(e2.probabilities().get("high"));
        assertThat(both.path("predictions").get(1).path("entityId").asString()).isEqualTo("e1");

        var unknown = serving.post("/api/v1/models/" + model + "/predict", "application/json",
                "{\"entityIds\": [\"e1\", \"nobody\"]}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("nobody");
    }

    private static void awaitEntity(HttpProbe store, String dataset, String entity) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (store.get("/api/v1/features/" + dataset + "/entities/" + entity).statusCode() != 200) {
            assertThat(System.nanoTime()).as("entity " + entity + " to reach the online store").isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private static JsonNode ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
