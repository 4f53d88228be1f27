package io.vishwaops.mlcore.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.vishwaops.mlcore.pipeline.ColumnConfig;
import io.vishwaops.mlcore.pipeline.FeaturePipeline;
import io.vishwaops.mlcore.pipeline.InputColumn;
import io.vishwaops.mlcore.pipeline.PipelineSpec;
import io.vishwaops.mlcore.pipeline.TransformException;
import io.vishwaops.mlcore.train.Algorithm;
import io.vishwaops.mlcore.train.Model;
import io.vishwaops.mlcore.train.Task;
import io.vishwaops.mlcore.train.Trainers;
import io.vishwaops.mlcore.train.TrainingSet;

/** Bundles of every algorithm on the student data: written, read back under the allowlist, answering the same. */
class ModelBundleTests {

    static List<InputColumn> schema;
    static List<Map<String, Object>> rows;

    static final PipelineSpec SPEC = new PipelineSpec(
            List.of(new PipelineSpec.Derived("alcohol", "Dalc + Walc"), new PipelineSpec.Derived("trend", "G2 - G1")),
            List.of("school", "sex", "age", "studytime", "failures", "higher", "absences", "alcohol", "G1", "G2", "trend"),
            new ColumnConfig(null, null, null, null, "standard", null, null), null,
            Map.of("absences", new ColumnConfig(null, null, true, null, null, null, null)), true);

    @BeforeAll
    static void read() throws IOException {
        assumeTrue(Files.isRegularFile(StudentData.FILE), "shared dataset absent");
        schema = StudentData.schema();
        rows = StudentData.rows();
    }

    static ModelBundle train(Algorithm algorithm, Task task) {
        FeaturePipeline pipeline = FeaturePipeline.fit(SPEC, schema, rows);
        double[][] x = pipeline.transform(rows);
        TrainingSet data;
        List<String> classes = List.of();
        if (task == Task.REGRESSION) {
            data = TrainingSet.regression(x, rows.stream().mapToDouble(r -> ((Integer) r.get("G3"))).toArray());
        } else {
            classes = List.of("fail", "pass");
            data = TrainingSet.classification(x, rows.stream().mapToInt(r -> ((Integer) r.get("G3")) >= 10 ? 1 : 0)
                    .toArray(), classes);
        }
        Map<String, Object> params = switch (algorithm) {
            case RANDOM_FOREST, GRADIENT_BOOSTING, XGBOOST -> Map.of("trees", 30);
            default -> Map.of();
        };
        Model model = Trainers.create(algorithm, task, params).fit(data, 42);
        InputSignature signature = new InputSignature(pipeline.inputs(), "G3",
                task == Task.REGRESSION ? "numeric" : "categorical", classes);
        List<Object> predictions = new ArrayList<>();
        ModelBundle draft = new ModelBundle(signature, pipeline, model, new ReferenceProfile(0, Map.of(), Map.of(),
                Map.of(), new double[0], new String[0]), provenance(algorithm), Map.of());
        draft.predict(rows).forEach(p -> predictions.add(p.value()));
        return new ModelBundle(signature, pipeline, model, ReferenceProfile.of(pipeline, rows, predictions, 300, 7),
                provenance(algorithm), Map.of("accuracy", 0.9));
    }

    private static Provenance provenance(Algorithm algorithm) {
        return new Provenance("student-pass", "{}", "student-mat", "s-1", "ab".repeat(32), 1, algorithm.id(),
                Map.of(), 42, Provenance.currentVersions(), Instant.parse("2026-11-27T00:00:00Z"));
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void aBundleReadBackAnswersExactlyAsTheOneWritten(Algorithm algorithm) {
        assumeTrue(Trainers.isAvailable(algorithm), "native library unavailable");
        Task task = algorithm == Algorithm.LOGISTIC_REGRESSION ? Task.BINARY
                : algorithm.ordinal() % 2 == 0 ? Task.REGRESSION : Task.BINARY;
        ModelBundle written = train(algorithm, task);
        byte[] bytes = ModelBundles.toBytes(written);
        ModelBundle read = ModelBundles.fromBytes(bytes);

        assertThat(read.predict(rows)).isEqualTo(written.predict(rows));
        assertThat(read.predict(rows.get(3))).isEqualTo(written.predict(rows.get(3)));
        assertThat(read.signature()).isEqualTo(written.signature());
        assertThat(read.provenance()).isEqualTo(written.provenance());
        assertThat(read.reference().sampleSize()).isEqualTo(300);
        assertThat(read.reference().numeric().get("absences")).containsExactly(written.reference().numeric().get("absences"));
        assertThat(read.pipeline().outputNames()).contains("school=GP", "alcohol", "trend");
        if (task == Task.BINARY) {
            assertThat(read.predict(rows.get(0)).value()).isIn("fail", "pass");
            assertThat(read.predict(rows.get(0)).probabilities().keySet()).containsExactly("fail", "pass");
        }
    }

    @Test
    void theSignatureNamesEveryFieldThatIsWrong() {
        ModelBundle bundle = train(Algorithm.DECISION_TREE, Task.BINARY);
        Map<String, Object> row = new java.util.HashMap<>(rows.get(0));
        row.remove("age");
        row.put("studytime", "lots");
        row.put("shoe_size", 42);
        row.put("G3", 12);
        List<InputSignature.FieldProblem> problems = bundle.signature().check(row);
        assertThat(problems).extracting(InputSignature.FieldProblem::field)
                .containsExactlyInAnyOrder("studytime", "shoe_size", "G3", "Mjob", "Fjob", "reason", "guardian",
                        "traveltime", "Medu", "Fedu", "address", "famsize", "Pstatus", "schoolsup", "famsup", "paid",
                        "activities", "nursery", "internet", "romantic", "famrel", "freetime", "goout", "health");
        assertThat(problems).filteredOn(p -> p.field().equals("studytime")).first()
                .extracting(InputSignature.FieldProblem::problem).isEqualTo("expected a number, got \"lots\"");
        Map<String, Object> ok = new java.util.HashMap<>();
        bundle.signature().inputs().forEach(c -> ok.put(c.name(), rows.get(0).get(c.name())));
        assertThat(bundle.signature().check(ok)).isEmpty();
        assertThat(bundle.signature().inputs()).extracting(InputColumn::name).doesNotContain("G3", "Mjob");
        ok.put("school", "XX");
        assertThat(bundle.predict(ok).value()).isIn("fail", "pass");
        ok.put("age", "old");
        assertThatThrownBy(() -> bundle.predict(ok)).isInstanceOf(TransformException.class).hasMessageContaining("age");
    }

    @Test
    void aPayloadOutsideTheAllowlistIsRefusedBeforeItIsBuilt() throws IOException {
        // a well-formed bundle header around a class no model needs
        byte[] bytes = framed(new java.util.PriorityQueue<>(List.of(1, 2, 3)));
        assertThatThrownBy(() -> ModelBundles.fromBytes(bytes)).isInstanceOf(BundleFormatException.class)
                .hasMessageContaining("refused: class java.util.PriorityQueue is not on the model bundle allowlist");
        byte[] url = framed(java.net.URI.create("http://example.com/").toURL());
        assertThatThrownBy(() -> ModelBundles.fromBytes(url)).isInstanceOf(BundleFormatException.class)
                .hasMessageContaining("refused");
    }

    @Test
    void damagedOrForeignBytesAreRefusedWithAReason() {
        byte[] good = ModelBundles.toBytes(train(Algorithm.BASELINE, Task.BINARY));
        byte[] truncated = java.util.Arrays.copyOf(good, good.length / 2);
        assertThatThrownBy(() -> ModelBundles.fromBytes(truncated)).isInstanceOf(BundleFormatException.class)
                .hasMessageContaining("cannot be read");
        assertThatThrownBy(() -> ModelBundles.fromBytes("PK\u0003\u0004 not a bundle".getBytes(StandardCharsets.ISO_8859_1)))
                .isInstanceOf(BundleFormatException.class).hasMessageContaining("does not start with VOPSBNDL");
        byte[] future = good.clone();
        future[11] = 9;
        assertThatThrownBy(() -> ModelBundles.fromBytes(future)).hasMessageContaining("format version 9");
    }

    static byte[] framed(Object payload) throws IOException {
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
