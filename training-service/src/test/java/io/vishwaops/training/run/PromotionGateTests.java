package io.vishwaops.training.run;

import java.util.Map;

import io.vishwaops.training.pipeline.PipelineDefinition.Gate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PromotionGateTests {

    @Test
    void boundsPassAtTheirValueAndFailBelowIt() {
        assertThat(PromotionGate.apply(new Gate("f1_macro", 0.8, null, null), Map.of("f1_macro", 0.8), null, null)
                .passed()).isTrue();
        assertThat(PromotionGate.apply(new Gate("f1_macro", 0.8, null, null), Map.of("f1_macro", 0.79), null, null)
                .passed()).isFalse();
        assertThat(PromotionGate.apply(new Gate("rmse", null, 0.5, null), Map.of("rmse", 0.45), null, null)
                .passed()).isTrue();
    }

    @Test
    void beatingTheChampionIsMeasuredInTheMetricsDirection() {
        Gate higher = new Gate("f1_macro", null, null, 0.005);
        var beaten = PromotionGate.apply(higher, Map.of("f1_macro", 0.86), "3", Map.of("f1_macro", 0.85));
        assertThat(beaten.passed()).isTrue();
        assertThat(beaten.threshold()).isEqualTo(0.855, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(PromotionGate.apply(higher, Map.of("f1_macro", 0.853), "3", Map.of("f1_macro", 0.85)).passed())
                .isFalse();

        Gate lower = new Gate("rmse", null, null, 0.1);
        assertThat(PromotionGate.apply(lower, Map.of("rmse", 1.85), "3", Map.of("rmse", 2.0)).passed()).isTrue();
        assertThat(PromotionGate.apply(lower, Map.of("rmse", 1.95), "3", Map.of("rmse", 2.0)).passed()).isFalse();
    }

    @Test
    void withoutAChampionTheMarginPassesAndAChampionThatCouldNotBeMeasuredFailsIt() {
        Gate margin = new Gate("f1_macro", null, null, 0.005);
        var first = PromotionGate.apply(margin, Map.of("f1_macro", 0.6), null, null);
        assertThat(first.passed()).isTrue();
        assertThat(first.note()).isEqualTo("no champion yet");
        assertThat(PromotionGate.apply(margin, Map.of("f1_macro", 0.9), "2", null).passed()).isFalse();
    }
}
