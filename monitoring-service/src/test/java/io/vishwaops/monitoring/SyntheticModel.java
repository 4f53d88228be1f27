package io.vishwaops.monitoring;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

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

/** A wide model for the benchmarks: 20 numeric and 10 categorical inputs, a binary classifier, seeded. */
public final class SyntheticModel {

    static final int NUMERIC = 20;
    static final int CATEGORICAL = 10;
    private static final String[] LEVELS = {"a", "b", "c", "d", "e", "f", "g", "h"};

    private SyntheticModel() {
    }

    public static List<String> names() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < NUMERIC; i++) {
            names.add("x" + i);
        }
        for (int i = 0; i < CATEGORICAL; i++) {
            names.add("c" + i);
        }
        return names;
    }

    /** A row; {@code shift} moves every numeric mean by that many standard deviations. */
    public static Map<String, Object> row(SplittableRandom random, double shift) {
        Map<String, Object> row = new HashMap<>();
        for (int i = 0; i < NUMERIC; i++) {
            row.put("x" + i, i * 10 + gaussian(random) * (1 + i % 3) + shift);
        }
        for (int i = 0; i < CATEGORICAL; i++) {
            int level = Math.min(LEVELS.length - 1, (int) Math.abs(gaussian(random) * 2.5));
            row.put("c" + i, LEVELS[level]);
        }
        return row;
    }

    public static ModelBundle bundle(int trainingRows) {
        SplittableRandom random = new SplittableRandom(42);
        List<Map<String, Object>> rows = new ArrayList<>();
        int[] y = new int[trainingRows];
        for (int r = 0; r < trainingRows; r++) {
            Map<String, Object> row = row(random, 0);
            rows.add(row);
            y[r] = (double) row.get("x0") + (row.get("c0").equals("a") ? 1 : 0) > 0.5 ? 1 : 0;
        }
        List<InputColumn> schema = new ArrayList<>();
        for (String name : names()) {
            schema.add(InputColumn.of(name, name.startsWith("x") ? "numeric" : "categorical"));
        }
        FeaturePipeline pipeline = FeaturePipeline.fit(PipelineSpec.of(names()), schema, rows);
        List<String> classes = List.of("no", "yes");
        Model model = Trainers.create(Algorithm.DECISION_TREE, Task.BINARY, Map.of())
                .fit(TrainingSet.classification(pipeline.transform(rows), y, classes), 1);
        List<Object> predictions = new ArrayList<>();
        for (int label : y) {
            predictions.add(classes.get(label));
        }
        return new ModelBundle(new InputSignature(pipeline.inputs(), "label", "categorical", classes), pipeline, model,
                ReferenceProfile.of(pipeline, rows, predictions, ReferenceProfile.DEFAULT_SAMPLE, 1),
                new Provenance("synthetic", "{}", "synthetic", null, null, null, "decision_tree", Map.of(), 1,
                        Provenance.currentVersions(), Instant.now()), Map.of("accuracy", 0.9));
    }

    private static double gaussian(SplittableRandom random) {
        // Box–Muller; enough for test data
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
