package io.vishwaops.serving;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import io.vishwaops.mlcore.bundle.InputSignature;
import io.vishwaops.mlcore.bundle.ModelBundle;
import io.vishwaops.mlcore.bundle.ModelBundles;
import io.vishwaops.mlcore.bundle.Provenance;
import io.vishwaops.mlcore.bundle.ReferenceProfile;
import io.vishwaops.mlcore.pipeline.ColumnConfig;
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

import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import tools.jackson.databind.JsonNode;

/**
 * The real registry, started once per test JVM on the shared broker and PostgreSQL, and what a trainer does with
 * it: register a bundle as a new version of a model and point an alias at it. Also the small models the tests serve.
 */
public final class TestRegistry {

    private static ConfigurableApplicationContext registry;
    private static String url;

    private TestRegistry() {
    }

    public static synchronized String url() {
        if (registry == null) {
            List<String> args = new ArrayList<>(List.of("--server.port=0", "--vops.security.enabled=false",
                    "--spring.jmx.enabled=false"));
            try {
                args.add("--vops.registry.artifact-root=" + Files.createTempDirectory("vops-registry"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            SharedInfrastructure.serviceProperties().forEach((k, v) -> args.add("--" + k + "=" + v));
            registry = new SpringApplicationBuilder(RegistryApplication.class).bannerMode(Banner.Mode.OFF)
                    .run(args.toArray(String[]::new));
            url = "http://localhost:" + registry.getEnvironment().getProperty("local.server.port");
            Runtime.getRuntime().addShutdownHook(new Thread(registry::close, "test-registry-stop"));
        }
        return url;
    }

    public static RestClient client() {
        return RestClient.builder().baseUrl(url()).defaultHeader("X-Vops-User", "trainer")
                .defaultHeader("X-Vops-Roles", "admin").build();
    }

    /** Registers {@code bytes} as a new version of {@code model} (creating the model on first use). */
    public static String register(String model, byte[] bytes) {
        RestClient registry = client();
        String experiment = registry.post().uri("/api/2.0/mlflow/experiments/create")
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("name", model + "-" + System.nanoTime()))
                .retrieve().body(JsonNode.class).get("experiment_id").asString();
        String runId = registry.post().uri("/api/2.0/mlflow/runs/create").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("experiment_id", experiment)).retrieve().body(JsonNode.class).at("/run/info/run_id").asString();
        registry.put().uri("/api/v1/registry/runs/{r}/artifacts/" + ModelBundles.ARTIFACT_PATH, runId)
                .contentType(MediaType.parseMediaType(ModelBundles.MEDIA_TYPE)).body(bytes).retrieve().toBodilessEntity();
        registry.post().uri("/api/2.0/mlflow/registered-models/create").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", model)).exchange((request, response) -> null);
        return registry.post().uri("/api/2.0/mlflow/model-versions/create").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", model, "source", "runs:/" + runId + "/" + ModelBundles.ARTIFACT_PATH, "run_id", runId))
                .retrieve().body(JsonNode.class).at("/model_version/version").asString();
    }

    public static void alias(String model, String alias, String version) {
        client().put().uri("/api/v1/registry/models/{m}/aliases/{a}", model, alias)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("version", version)).retrieve().toBodilessEntity();
    }

    /** A version registered and made champion in one go. */
    public static String champion(String model, ModelBundle bundle) {
        String version = register(model, ModelBundles.toBytes(bundle));
        alias(model, "champion", version);
        return version;
    }

    /** A row of the test models' inputs. */
    public static Map<String, Object> row(double x, String colour, boolean flag, long n) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("x", x);
        row.put("colour", colour);
        row.put("flag", flag);
        row.put("n", n);
        return row;
    }

    /**
     * A classifier of {@code level} (low / high) over a number, a category, a boolean and an integer. {@code salt}
     * changes the training data, so two bundles answer differently.
     */
    public static ModelBundle bundle(Algorithm algorithm, int salt) {
        return bundle(algorithm, salt, "levels");
    }

    /** The same, recording {@code dataset} as the dataset it was trained on (where entity lookups go). */
    public static ModelBundle bundle(Algorithm algorithm, int salt, String dataset) {
        List<InputColumn> schema = List.of(new InputColumn("x", "numeric", false, List.of()),
                new InputColumn("colour", "categorical", false, List.of("red", "blue", "green")),
                new InputColumn("flag", "boolean", true, List.of()), new InputColumn("n", "integer", true, List.of()));
        List<Map<String, Object>> rows = new ArrayList<>();
        int count = 400;
        int[] labels = new int[count];
        java.util.Random random = new java.util.Random(17 + salt);
        for (int i = 0; i < count; i++) {
            double x = random.nextDouble() * 10;
            String colour = List.of("red", "blue", "green").get(random.nextInt(3));
            boolean flag = random.nextBoolean();
            long n = random.nextInt(5);
            rows.add(row(x, colour, flag, n));
            double score = x + (colour.equals("red") ? 2 : 0) + (flag ? 1 : 0) + n * 0.5 + salt + random.nextGaussian();
            labels[i] = score > 7 ? 1 : 0;
        }
        // an unseen colour is refused, as a pipeline spec may ask
        PipelineSpec spec = new PipelineSpec(List.of(), List.of("x", "colour", "flag", "n"), null, null,
                Map.of("colour", new ColumnConfig(null, null, null, null, null, null, "error")), true);
        FeaturePipeline pipeline = FeaturePipeline.fit(spec, schema, rows);
        Model model = Trainers.create(algorithm, Task.BINARY, Map.of())
                .fit(TrainingSet.classification(pipeline.transform(rows), labels, List.of("low", "high")), 7);
        InputSignature signature = new InputSignature(pipeline.inputs(), "level", "categorical", List.of("low", "high"));
        List<Object> predictions = new ArrayList<>();
        for (int label : labels) {
            predictions.add(label == 1 ? "high" : "low");
        }
        return new ModelBundle(signature, pipeline, model, ReferenceProfile.of(pipeline, rows, predictions, 100, 1),
                new Provenance("serving-tests", "{}", dataset, null, null, null, algorithm.name().toLowerCase(),
                        Map.of(), 7, Provenance.currentVersions(), Instant.now()), Map.of());
    }

    /** A bundle file whose payload is a class outside the allowlist, framed like a real bundle. */
    public static byte[] foreignPayload() {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            DataOutputStream header = new DataOutputStream(out);
            header.write("VOPSBNDL".getBytes(StandardCharsets.US_ASCII));
            header.writeInt(ModelBundles.FORMAT_VERSION);
            GZIPOutputStream zipped = new GZIPOutputStream(out);
            ObjectOutputStream objects = new ObjectOutputStream(zipped);
            objects.writeObject(new java.util.PriorityQueue<>(List.of(3, 1, 2)));
            objects.flush();
            zipped.finish();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
