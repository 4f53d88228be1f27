package io.vishwaops.mlcore.select;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.vishwaops.mlcore.pipeline.FeaturePipeline;
import io.vishwaops.mlcore.pipeline.InputColumn;
import io.vishwaops.mlcore.pipeline.PipelineSpec;
import io.vishwaops.mlcore.train.TrainingSet;

/**
 * The UCI student performance data (shared/datasets/student, Cortez and Silva 2008) as the paper's binary task: pass
 * when the final grade G3 is at least 10. Setup A feeds every attribute but G3, B leaves out the second-period grade
 * G2, C also the first-period grade G1. Raw rows go through the feature pipeline (categories one-hot encoded) as a
 * training job would; G3 is never an input.
 */
final class StudentPerformance {

    static final Path DIRECTORY = Path.of("../../shared/datasets/student");

    private static final Set<String> NUMBERS = Set.of("age", "Medu", "Fedu", "traveltime", "studytime", "failures",
            "famrel", "freetime", "goout", "Dalc", "Walc", "health", "absences", "G1", "G2", "G3");

    enum Setup {
        A(Set.of()), B(Set.of("G2")), C(Set.of("G1", "G2"));

        final Set<String> without;

        Setup(Set<String> without) {
            this.without = without;
        }
    }

    /** One subject's rows encoded for a setup, with the names of the encoded features. */
    record Encoded(TrainingSet data, List<String> featureNames) {
    }

    private StudentPerformance() {
    }

    static Path file(String subject) {
        return DIRECTORY.resolve("student-" + subject + ".csv");
    }

    static Encoded load(String subject, Setup setup) throws IOException {
        List<String> lines = Files.readAllLines(file(subject)).stream().filter(l -> !l.isBlank()).toList();
        String[] header = unquote(lines.getFirst().split(";"));
        List<InputColumn> schema = new ArrayList<>();
        for (String name : header) {
            schema.add(InputColumn.of(name, NUMBERS.contains(name) ? "integer" : "categorical"));
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = unquote(line.split(";"));
            Map<String, Object> row = new LinkedHashMap<>();
            for (int j = 0; j < header.length; j++) {
                row.put(header[j], NUMBERS.contains(header[j]) ? (Object) Integer.valueOf(cells[j]) : cells[j]);
            }
            rows.add(row);
        }
        List<String> features = new ArrayList<>();
        for (String name : header) {
            if (!name.equals("G3") && !setup.without.contains(name)) {
                features.add(name);
            }
        }
        FeaturePipeline pipeline = FeaturePipeline.fit(PipelineSpec.of(features), schema, rows);
        double[][] x = pipeline.transform(rows);
        int[] y = rows.stream().mapToInt(r -> (Integer) r.get("G3") >= 10 ? 1 : 0).toArray();
        return new Encoded(TrainingSet.classification(x, y, List.of("fail", "pass")), pipeline.outputNames());
    }

    private static String[] unquote(String[] cells) {
        for (int i = 0; i < cells.length; i++) {
            cells[i] = cells[i].replace("\"", "").trim();
        }
        return cells;
    }
}
