package io.vishwaops.serving.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.vishwaops.mlcore.bundle.ModelBundle;
import io.vishwaops.mlcore.bundle.Prediction;
import io.vishwaops.mlcore.pipeline.TransformException;
import io.vishwaops.mlcore.train.Algorithm;
import io.vishwaops.serving.TestRegistry;

import org.junit.jupiter.api.Test;

class ScorerTests {

    private static final ModelBundle XGBOOST = TestRegistry.bundle(Algorithm.XGBOOST, 0);

    @Test
    void concurrentRequestsScoredTogetherEachGetTheirOwnAnswers() throws Exception {
        Scorer scorer = new Scorer(XGBOOST);
        List<Callable<Boolean>> requests = new ArrayList<>();
        for (int r = 0; r < 64; r++) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int i = 0; i <= r % 5; i++) {
                rows.add(TestRegistry.row(r + i * 0.5, List.of("red", "blue", "green").get((r + i) % 3), r % 2 == 0, i));
            }
            List<Prediction> expected = XGBOOST.predict(rows);
            requests.add(() -> {
                for (int repeat = 0; repeat < 20; repeat++) {
                    if (!scorer.predict(rows).equals(expected)) {
                        return false;
                    }
                }
                return true;
            });
        }
        try (var threads = Executors.newFixedThreadPool(16)) {
            for (Future<Boolean> answer : threads.invokeAll(requests)) {
                assertThat(answer.get()).isTrue();
            }
        }
    }

    @Test
    void aRowThePipelineRefusesFailsOnlyItsOwnRequest() throws Exception {
        Scorer scorer = new Scorer(XGBOOST);
        List<Map<String, Object>> good = List.of(TestRegistry.row(3, "red", true, 1));
        List<Map<String, Object>> bad = List.of(TestRegistry.row(3, "purple", true, 1));
        try (var threads = Executors.newFixedThreadPool(8)) {
            List<Future<?>> answers = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                List<Map<String, Object>> rows = i % 7 == 0 ? bad : good;
                answers.add(threads.submit(() -> rows == bad
                        ? catchTransform(() -> scorer.predict(rows)) : scorer.predict(rows)));
            }
            for (int i = 0; i < answers.size(); i++) {
                Object answer = answers.get(i).get();
                if (i % 7 == 0) {
                    assertThat(answer).isInstanceOf(TransformException.class);
                } else {
                    assertThat(answer).isEqualTo(XGBOOST.predict(good));
                }
            }
        }
        assertThatThrownBy(() -> scorer.predict(bad)).isInstanceOf(TransformException.class);
    }

    private static Object catchTransform(Callable<?> call) throws Exception {
        try {
            return call.call();
        } catch (TransformException e) {
            return e;
        }
    }
}
