package io.vishwaops.monitoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.vishwaops.mlcore.bundle.InputSignature;
import io.vishwaops.mlcore.bundle.ModelBundle;
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

/**
 * The student performance data (UCI, Portuguese secondary schools, mathematics) as a monitored model would see it:
 * the 30 attributes known before the final grade as raw inputs, and a classifier of whether the student passes
 * (G3 ≥ 10), with its reference profile drawn from all 395 students.
 */
final class StudentModel {

    static final Path CSV = Path.of("..", "..", "shared", "datasets", "student", "student-mat.csv");
    static final String PIPELINE = "student-pass";
    static final List<String> CLASSES = List.of("fail", "pass");

    private static final Set<String> NUMERIC = Set.of("age", "Medu", "Fedu", "traveltime", "studytime", "failures",
            "famrel", "freetime", "goout", "Dalc", "Walc", "health", "absences");
    private static final Set<String> BOOLEAN = Set.of("schoolsup", "famsup", "paid", "activities", "nursery", "higher",
            "internet", "romantic");
    private static final Set<String> NOT_INPUTS = Set.of("G1", "G2", "G3");

    private static List<Map<String, Object>> rows;
    private static List<String> inputs;
    private static List<String> labels;

    private StudentModel() {
    }

    /** The 395 students' inputs as a caller would send them: numbers, {@code yes}/{@code no}, text. */
    static synchronized List<Map<String, Object>> rows() {
        if (rows == null) {
            read();
        }
        return rows;
    }

    static synchronized List<String> inputs() {
        rows();
        return inputs;
    }

    /** Whether each student passed. */
    static synchronized List<String> labels() {
        rows();
        return labels;
    }

    private static void read() {
        List<String> lines;
        try {
            lines = Files.readAllLines(CSV);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String[] header = split(lines.getFirst());
        List<String> names = new ArrayList<>();
        for (String h : header) {
            if (!NOT_INPUTS.contains(h)) {
                names.add(h);
            }
        }
        List<Map<String, Object>> read = new ArrayList<>();
        List<String> passed = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = split(line);
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 0; i < header.length; i++) {
                if (!NOT_INPUTS.contains(header[i])) {
                    row.put(header[i], NUMERIC.contains(header[i]) ? (Object) Integer.parseInt(cells[i]) : cells[i]);
                }
            }
            read.add(row);
            passed.add(Integer.parseInt(cells[header.length - 1]) >= 10 ? "pass" : "fail");
        }
        rows = List.copyOf(read);
        inputs = List.copyOf(names);
        labels = List.copyOf(passed);
    }

    private static String[] split(String line) {
        String[] cells = line.split(";", -1);
        for (int i = 0; i < cells.length; i++) {
            cells[i] = cells[i].replace("\"", "");
        }
        return cells;
    }

    /** A decision tree on all 395 students, reporting {@code testMetrics} as its test metrics. */
    static ModelBundle bundle(Map<String, Double> testMetrics) {
        List<InputColumn> schema = new ArrayList<>();
        for (String name : inputs()) {
            schema.add(InputColumn.of(name, NUMERIC.contains(name) ? "integer" : BOOLEAN.contains(name) ? "boolean"
                    : "categorical"));
        }
        FeaturePipeline pipeline = FeaturePipeline.fit(PipelineSpec.of(inputs()), schema, rows());
        int[] y = labels().stream().mapToInt(CLASSES::indexOf).toArray();
        Model model = Trainers.create(Algorithm.DECISION_TREE, Task.BINARY, Map.of())
                .fit(TrainingSet.classification(pipeline.transform(rows()), y, CLASSES), 7);
        InputSignature signature = new InputSignature(pipeline.inputs(), "passed", "categorical", CLASSES);
        ModelBundle unprofiled = new ModelBundle(signature, pipeline, model,
                new ReferenceProfile(0, Map.of(), Map.of(), Map.of(), new double[0], new String[0]),
                provenance(), testMetrics);
        List<Object> predictions = new ArrayList<>();
        for (Map<String, Object> row : rows()) {
            predictions.add(unprofiled.predict(row).value());
        }
        return new ModelBundle(signature, pipeline, model,
                ReferenceProfile.of(pipeline, rows(), predictions, ReferenceProfile.DEFAULT_SAMPLE, 7), provenance(),
                testMetrics);
    }

    private static Provenance provenance() {
        return new Provenance(PIPELINE, "{}", "student-mat", null, null, null, "decision_tree", Map.of(), 7,
                Provenance.currentVersions(), Instant.now());
    }

    /** The same students with three times the absences, and {@code higher} flipped for every other student. */
    static List<Map<String, Object>> shifted() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < rows().size(); i++) {
            Map<String, Object> row = new LinkedHashMap<>(rows().get(i));
            row.put("absences", (Integer) row.get("absences") * 3);
            if (i % 2 == 0) {
                row.put("higher", row.get("higher").equals("yes") ? "no" : "yes");
            }
            out.add(row);
        }
        return out;
    }
}
