package io.vishwaops.modelloading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.web.client.RestClient;

import io.vishwaops.mlcore.bundle.InputSignature;
import io.vishwaops.mlcore.bundle.ModelBundle;
import io.vishwaops.mlcore.bundle.ModelBundles;
import io.vishwaops.mlcore.bundle.Provenance;
import io.vishwaops.mlcore.bundle.ReferenceProfile;
import io.vishwaops.mlcore.pipeline.FeaturePipeline;
import io.vishwaops.mlcore.pipeline.InputColumn;
import io.vishwaops.mlcore.pipeline.PipelineSpec;
import io.vishwaops.mlcore.train.Algorithm;
import io.vishwaops.mlcore.train.Model;
import io.vishwaops.mlcore.train.Task;
import io.vishwaops.mlcore.train.Trainers;
import io.vishwaops.mlcore.train.TrainingSet;
import io.vishwaops.registry.RegistryApplication;
import io.vishwaops.testsupport.SharedInfrastructure;
import tools.jackson.databind.JsonNode;

/** Against the real registry: what serving and monitoring rely on when they load a model. */
@SpringBootTest(classes = RegistryApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = SharedInfrastructure.Initializer.class)
class RegistryModelsIntegrationTests {

    private RestClient registry;
    private RegistryModels models;

    @BeforeEach
    void connect(@LocalServerPort int port) {
        registry = RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeader("X-Vops-User", "trainer").defaultHeader("X-Vops-Roles", "admin").build();
        models = new RegistryModels(registry);
    }

    @Test
    void theChampionIsFoundCheckedAndReadAndAnswersAsTrained() {
        String model = "loading-" + System.nanoTime();
        ModelBundle trained = bundle();
        String version = register(model, ModelBundles.toBytes(trained));
        registry.put().uri("/api/v1/registry/models/{m}/aliases/champion", model)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("version", version)).retrieve().toBodilessEntity();

        ModelVersionRef champion = models.alias(model, "champion").orElseThrow();
        assertThat(champion.version()).isEqualTo(version);
        assertThat(models.version(model, version)).contains(champion);
        LoadedModel loaded = models.load(champion);
        Map<String, Object> row = Map.of("x", 3.5, "colour", "red");
        assertThat(loaded.bundle().predict(row)).isEqualTo(trained.predict(row));
        assertThat(loaded.sizeBytes()).isPositive();

        assertThat(models.alias(model, "challenger")).isEmpty();
        assertThat(models.alias("no-such-model-" + System.nanoTime(), "champion")).isEmpty();
        assertThat(models.version(model, "99")).isEmpty();
    }

    @Test
    void bytesThatDoNotMatchTheRecordedHashAreRefused() {
        String model = "loading-" + System.nanoTime();
        String version = register(model, ModelBundles.toBytes(bundle()));
        ModelVersionRef recorded = models.version(model, version).orElseThrow();
        ModelVersionRef wrong = new ModelVersionRef(model, version, recorded.artifactUri(), "00".repeat(32));
        assertThatThrownBy(() -> models.load(wrong)).isInstanceOfSatisfying(ModelLoadingException.class,
                e -> assertThat(e.reason()).isEqualTo(ModelLoadingException.Reason.INTEGRITY))
                .hasMessageContaining("the registry recorded " + "00".repeat(32));
    }

    @Test
    void aBundleNamingAClassOutsideTheAllowlistIsRefused() throws IOException {
        String model = "loading-" + System.nanoTime();
        String version = register(model, framed(new java.util.PriorityQueue<>(List.of(3, 1, 2))));
        ModelVersionRef ref = models.version(model, version).orElseThrow();
        assertThatThrownBy(() -> models.load(ref)).isInstanceOfSatisfying(ModelLoadingException.class,
                e -> assertThat(e.reason()).isEqualTo(ModelLoadingException.Reason.FORMAT))
                .hasMessageContaining("java.util.PriorityQueue is not on the model bundle allowlist");
    }

    private String register(String model, byte[] bytes) {
        String experiment = registry.post().uri("/api/2.0/mlflow/experiments/create")
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("name", model)).retrieve().body(JsonNode.class)
                .get("experiment_id").asString();
        String runId = registry.post().uri("/api/2.0/mlflow/runs/create").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("experiment_id", experiment)).retrieve().body(JsonNode.class).at("/run/info/run_id").asString();
        registry.put().uri("/api/v1/registry/runs/{r}/artifacts/" + ModelBundles.ARTIFACT_PATH, runId)
                .contentType(MediaType.parseMediaType(ModelBundles.MEDIA_TYPE)).body(bytes).retrieve().toBodilessEntity();
        registry.post().uri("/api/2.0/mlflow/registered-models/create").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", model)).retrieve().toBodilessEntity();
        return registry.post().uri("/api/2.0/mlflow/model-versions/create").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", model, "source", "runs:/" + runId + "/" + ModelBundles.ARTIFACT_PATH, "run_id", runId))
                .retrieve().body(JsonNode.class).at("/model_version/version").asString();
    }

    private static ModelBundle bundle() {
        List<InputColumn> schema = List.of(InputColumn.of("x", "numeric"), InputColumn.of("colour", "categorical"));
        List<Map<String, Object>> rows = new ArrayList<>();
        int[] labels = new int[40];
        for (int i = 0; i < 40; i++) {
            rows.add(Map.of("x", (double) i, "colour", i % 3 == 0 ? "red" : "blue"));
            labels[i] = i >= 20 ? 1 : 0;
        }
        FeaturePipeline pipeline = FeaturePipeline.fit(PipelineSpec.of(List.of("x", "colour")), schema, rows);
        Model model = Trainers.create(Algorithm.DECISION_TREE, Task.BINARY, Map.of())
                .fit(TrainingSet.classification(pipeline.transform(rows), labels, List.of("low", "high")), 1);
        InputSignature signature = new InputSignature(pipeline.inputs(), "level", "categorical", List.of("low", "high"));
        List<Object> predictions = new ArrayList<>();
        for (int label : labels) {
            predictions.add(label == 1 ? "high" : "low");
        }
        return new ModelBundle(signature, pipeline, model, ReferenceProfile.of(pipeline, rows, predictions, 100, 1),
                new Provenance("loading", "{}", "toy", null, null, null, "decision_tree", Map.of(), 1,
                        Provenance.currentVersions(), Instant.now()), Map.of("accuracy", 1.0));
    }

    private static byte[] framed(Object payload) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataOutputStream header = new DataOutputStream(out);
        header.write("VOPSBNDL".getBytes(StandardCharsets.US_ASCII));
        header.writeInt(ModelBundles.FORMAT_VERSION);
        GZIPOutputStream zipped = new GZIPOutputStream(out);
        ObjectOutputStream objects = new ObjectOutputStream(zipped);
        objects.writeObject(payload);
        objects.flush();
        zipped.finish();
        return out.toByteArray();
    }
}
