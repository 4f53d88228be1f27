package io.vishwaops.feature.snapshot;

import java.util.List;

import io.vishwaops.contracts.datasets.ColumnSpec;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ColumnProfilerTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void numbersGetCountsMomentsAndQuantiles() {
        ColumnProfiler profiler = new ColumnProfiler(List.of(column("age", "integer")), 1000, 10, 100_000);
        for (int age : new int[] {15, 16, 17, 18, 19}) {
            profiler.add(JSON.readTree("{\"age\":" + age + "}"));
        }
        profiler.add(JSON.readTree("{\"age\":null}"));

        ColumnProfile age = profiler.finish().getFirst();

        assertThat(age.count()).isEqualTo(5);
        assertThat(age.missing()).isEqualTo(1);
        assertThat(age.distinct()).isEqualTo(5);
        assertThat(age.min()).isEqualTo(15.0);
        assertThat(age.max()).isEqualTo(19.0);
        assertThat(age.mean()).isEqualTo(17.0);
        assertThat(age.stdev()).isCloseTo(Math.sqrt(2.5), within(1e-12));
        assertThat(age.quantiles()).containsEntry("p50", 17.0).containsEntry("p25", 16.0).containsEntry("p5", 15.2);
        assertThat(age.quantilesExact()).isTrue();
        assertThat(age.top()).isNull();
    }

    @Test
    void categoriesGetTheirMostFrequentValuesFirst() {
        ColumnProfiler profiler = new ColumnProfiler(List.of(column("school", "categorical")), 1000, 2, 100_000);
        for (String school : new String[] {"MS", "GP", "GP", "XX", "MS", "GP"}) {
            profiler.add(JSON.readTree("{\"school\":\"" + school + "\"}"));
        }

        ColumnProfile school = profiler.finish().getFirst();

        assertThat(school.top()).containsExactly(new ColumnProfile.Category("GP", 3), new ColumnProfile.Category("MS", 2));
        assertThat(school.distinct()).isEqualTo(3);
        assertThat(school.mean()).isNull();
    }

    @Test
    void distinctValuesStopBeingCountedAtTheCapAndSaySo() {
        ColumnProfiler profiler = new ColumnProfiler(List.of(column("name", "text")), 3, 10, 100_000);
        for (int i = 0; i < 10; i++) {
            profiler.add(JSON.readTree("{\"name\":\"n" + i + "\"}"));
        }

        ColumnProfile name = profiler.finish().getFirst();

        assertThat(name.distinct()).isEqualTo(3);
        assertThat(name.distinctCapped()).isTrue();
        assertThat(name.count()).isEqualTo(10);
    }

    @Test
    void beyondTheSampleSizeQuantilesComeFromASampleTheSameEveryTime() {
        ColumnProfile first = profileOfManyNumbers();
        ColumnProfile second = profileOfManyNumbers();

        assertThat(first.quantilesExact()).isFalse();
        assertThat(first.quantiles()).isEqualTo(second.quantiles());
        assertThat(first.quantiles().get("p50")).isCloseTo(5_000.0, within(500.0));
        assertThat(first.mean()).isCloseTo(4_999.5, within(1e-6));
    }

    @Test
    void fieldsTheSchemaDoesNotDefineAreProfiledAfterItsColumns() {
        ColumnProfiler profiler = new ColumnProfiler(List.of(column("b", "integer"), column("a", "integer")), 10, 10, 10);
        profiler.add(JSON.readTree("{\"z\":1,\"a\":2,\"old\":\"x\"}"));

        assertThat(profiler.columnNames()).containsExactly("b", "a", "old", "z");
        assertThat(profiler.finish().getFirst().missing()).isEqualTo(1);
    }

    @Test
    void timestampsGetTheirRange() {
        ColumnProfiler profiler = new ColumnProfiler(List.of(column("at", "timestamp")), 10, 10, 10);
        profiler.add(JSON.readTree("{\"at\":\"2026-01-02T00:00:00Z\"}"));
        profiler.add(JSON.readTree("{\"at\":\"2025-12-31T23:00:00.5Z\"}"));

        ColumnProfile at = profiler.finish().getFirst();

        assertThat(at.earliest()).isEqualTo("2025-12-31T23:00:00.500Z");
        assertThat(at.latest()).isEqualTo("2026-01-02T00:00:00Z");
    }

    private static ColumnProfile profileOfManyNumbers() {
        ColumnProfiler profiler = new ColumnProfiler(List.of(column("x", "numeric")), 10, 10, 1_000);
        for (int i = 0; i < 10_000; i++) {
            JsonNode row = JSON.readTree("{\"x\":" + i + "}");
            profiler.add(row);
        }
        return profiler.finish().getFirst();
    }

    private static ColumnSpec column(String name, String type) {
        return new ColumnSpec(name, type, true, List.of(), null, null, null, null);
    }
}
