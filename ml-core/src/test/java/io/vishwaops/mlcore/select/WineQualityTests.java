package io.vishwaops.mlcore.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.vishwaops.mlcore.train.Algorithm;
import io.vishwaops.mlcore.train.Task;
import io.vishwaops.mlcore.train.TrainingSet;

/**
 * Red wine quality as regression against Cortez et al. (2009), Table 2: mean absolute deviation under 20 runs of
 * 5-fold CV of 0.50 (multiple regression), 0.51 (neural net), 0.46 (SVM). Here with 2 repetitions; the full protocol
 * is {@code ModelQualityBenchmark}. Predicting the mean gives about 0.68.
 */
class WineQualityTests {

    static final Path FILE = Path.of("../../shared/datasets/wine-quality/winequality-red.csv");

    static TrainingSet red() throws IOException {
        List<double[]> rows = Files.readAllLines(FILE).stream().skip(1).filter(l -> !l.isBlank())
                .map(l -> Arrays.stream(l.split(";")).mapToDouble(Double::parseDouble).toArray()).toList();
        double[][] x = rows.stream().map(r -> Arrays.copyOf(r, 11)).toArray(double[][]::new);
        double[] y = rows.stream().mapToDouble(r -> r[11]).toArray();
        return TrainingSet.regression(x, y);
    }

    /** The benchmark's winner alone, so the test stays fast; the forests are in the benchmark. */
    static final List<SearchSpace> CANDIDATES = List.of(
            new SearchSpace(Algorithm.XGBOOST, Map.of("trees", List.of(200), "max_depth", List.of(6),
                    "learning_rate", List.of(0.05))));

    @Test
    void theBestModelsMeanAbsoluteDeviationIsAtMostHalfAGrade() throws IOException {
        assumeTrue(Files.isRegularFile(FILE), "shared dataset absent: " + FILE.toAbsolutePath().normalize());
        TrainingSet red = red();
        assertThat(red.size()).isEqualTo(1599);

        SelectionSpec spec = new SelectionSpec(Task.REGRESSION, CANDIDATES, "grid", 0, 5, "mae", 0, 2);
        List<RepeatedCv.Score> scores = RepeatedCv.run(spec, red, 2, 1);
        RepeatedCv.Score best = RepeatedCv.best(scores, "mae");
        scores.forEach(s -> System.out.printf("winequality-red: MAD %.3f (sd %.3f) %s %s%n", s.mean(), s.std(),
                s.trial().algorithm(), s.trial().parameters()));

        assertThat(scores.getFirst().mean()).as("the mean's MAD").isGreaterThan(0.6);
        assertThat(best.mean()).as("best: %s %s", best.trial().algorithm(), best.trial().parameters())
                .isLessThanOrEqualTo(0.50);
    }
}
