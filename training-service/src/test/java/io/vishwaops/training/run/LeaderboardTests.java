package io.vishwaops.training.run;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.vishwaops.mlcore.select.Trial;
import io.vishwaops.mlcore.train.Algorithm;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LeaderboardTests {

    private static Trial trial(int index, double primary, String error) {
        return new Trial(index, Algorithm.RANDOM_FOREST, Map.of(), Map.of(), Map.of(), primary, Duration.ZERO, error);
    }

    @Test
    void theBoardSoFarIsBestFirstInTheMetricsDirectionWithFailedTrialsLast() {
        List<Trial> trials = List.of(trial(0, 0.70, null), trial(1, Double.NaN, "no native library"),
                trial(2, 0.90, null), trial(3, 0.90, null));

        assertThat(TrainingRunner.ranked(trials, true)).extracting(Trial::index).containsExactly(2, 3, 0, 1);
        assertThat(TrainingRunner.ranked(trials, false)).as("rmse: lower is better")
                .extracting(Trial::index).containsExactly(0, 2, 3, 1);
    }
}
