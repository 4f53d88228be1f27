package io.vishwaops.monitoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

import io.vishwaops.mlcore.bundle.ModelBundle;
import io.vishwaops.mlcore.bundle.ModelBundles;
import io.vishwaops.registry.RegistryApplication;
import io.vishwaops.testsupport.SharedInfrastructure;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import tools.jackson.databind.JsonNode;

/** The real registry, started once in the test JVM on the shared database and broker, and how tests register models. */
final class TestRegistry {

    private static ConfigurableApplicationContext context;
    private static String url;

    private TestRegistry() {
    }

    static synchronized String url() {
        if (context == null) {
            Map<String, Object> properties = new HashMap<>(SharedInfrastructure.serviceProperties());
            properties.put("server.port", "0");
            properties.put("vops.security.enabled", "false");
            try {
                properties.put("vops.registry.artifact-root", Files.createTempDirectory("registry-artifacts").toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            // as arguments: they must win over the registry's own property file
            context = new SpringApplicationBuilder(RegistryApplication.class).run(properties.entrySet().stream()
                    .map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
            url = "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
            Runtime.getRuntime().addShutdownHook(new Thread(context::close, "test-registry-stop"));
        }
        return url;
    }

    /** Registers the bundle as a new version of {@code model}; returns the version. */
    static String register(String model, ModelBundle bundle) {
        return register(model, ModelBundles.toBytes(bundle));
    }

    /** Registers bytes, whatever they are, as a new version's bundle; returns the version. */
    static String register(String model, byte[] bundle) {
        RestClient registry = RestClient.builder().baseUrl(url())
                .defaultHeader("X-Vops-User", "trainer").defaultHeader("X-Vops-Roles", "admin").build();
        String experiment = registry.post().uri("/api/2.0/mlflow/experiments/create")
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("name", model + "-" + System.nanoTime()))
                .retrieve().body(JsonNode.class).get("experiment_id").asString();
        String runId = registry.post().uri("/api/2.0/mlflow/runs/create").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("experiment_id", experiment)).retrieve().body(JsonNode.class).at("/run/info/run_id").asString();
        registry.put().uri("/api/v1/registry/runs/{r}/artifacts/" + ModelBundles.ARTIFACT_PATH, runId)
                .contentType(MediaType.parseMediaType(ModelBundles.MEDIA_TYPE)).body(bundle)
                .retrieve().toBodilessEntity();
        registry.post().uri("/api/2.0/mlflow/registered-models/create").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", model)).exchange((request, response) -> null);
        return registry.post().uri("/api/2.0/mlflow/model-versions/create").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", model, "source", "runs:/" + runId + "/" + ModelBundles.ARTIFACT_PATH, "run_id", runId))
                .retrieve().body(JsonNode.class).at("/model_version/version").asString();
    }
}
