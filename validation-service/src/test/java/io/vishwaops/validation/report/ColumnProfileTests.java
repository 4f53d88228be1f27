package io.vishwaops.validation.report;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ColumnProfileTests {

    @Test
    void theSameValuesSplitDifferentlyMergeToTheSameProfile() {
        var random = new SplittableRandom(3);
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            rows.add(new double[] {random.nextLong(), Math.round(random.nextGaussian() * 100) / 10.0});
        }
        ColumnProfile whole = profile(rows, 0, rows.size());
        ColumnProfile parts = profile(rows, 0, 1_234);
        parts.merge(profile(rows, 1_234, 4_000));
        parts.merge(profile(rows, 4_000, rows.size()));

        assertThat(parts.count).isEqualTo(whole.count);
        assertThat(parts.mean()).isCloseTo(whole.mean(), within(1e-9));
        assertThat(parts.stdev()).isCloseTo(whole.stdev(), within(1e-9));
        assertThat(parts.quantile(0.5)).isEqualTo(whole.quantile(0.5));
        assertThat(parts.histogram(10)).containsExactly(whole.histogram(10));
        assertThat(parts.distinct()).isEqualTo(whole.distinct());
    }

    @Test
    void partsStoredAsJsonAndReadBackMergeToTheProfileOfTheWhole() {
        var json = tools.jackson.databind.json.JsonMapper.builder().build();
        var random = new SplittableRandom(5);
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            rows.add(new double[] {random.nextLong(), random.nextInt(2_000)});
        }
        ColumnProfile whole = profile(rows, 0, rows.size());
        ColumnProfile merged = new ColumnProfile();
        for (int from = 0; from < rows.size(); from += 700) {
            ColumnProfile part = profile(rows, from, Math.min(rows.size(), from + 700));
            part.trim();
            merged.merge(json.readValue(json.writeValueAsString(part), ColumnProfile.class));
        }

        assertThat(merged.count).isEqualTo(whole.count);
        assertThat(merged.distinct()).isEqualTo(whole.distinct());
        assertThat(merged.quantile(0.9)).isEqualTo(whole.quantile(0.9));
    }

    @Test
    void partsStoredInTheirBinaryFormAndReadBackAreTheSameProfiles() {
        var random = new SplittableRandom(9);
        java.util.Map<String, ColumnProfile> part = new java.util.LinkedHashMap<>();
        ColumnProfile numbers = new ColumnProfile();
        ColumnProfile words = new ColumnProfile();
        ColumnProfile empty = new ColumnProfile();
        String longText = "é".repeat(40_000);
        for (int i = 0; i < 2_000; i++) {
            numbers.add(i % 10 == 0 ? null : random.nextGaussian(), random.nextLong());
            words.add(i % 7 == 0 ? longText : "word-" + random.nextInt(80), random.nextLong());
        }
        empty.add(null, 1);
        part.put("x", numbers);
        part.put("ÉCOLE", words);
        part.put("empty", empty);
        part.values().forEach(ColumnProfile::trim);

        var json = tools.jackson.databind.json.JsonMapper.builder().build();
        var read = BatchProfiles.decode(BatchProfiles.encode(part));

        // the same profiles as their JSON form says, which is how reports read them
        assertThat(read.keySet()).containsExactly("x", "ÉCOLE", "empty");
        assertThat(json.writeValueAsString(read)).isEqualTo(json.writeValueAsString(part));
        assertThat(read.get("ÉCOLE").categories()).containsKey(longText);
        assertThat(read.get("x").quantile(0.5)).isEqualTo(numbers.quantile(0.5));
        assertThat(read.get("x").distinct()).isEqualTo(numbers.distinct());
    }

    @Test
    void distinctValuesAreExactWhenFewAndCloseWhenMany() {
        ColumnProfile few = new ColumnProfile();
        for (int i = 0; i < 1_000; i++) {
            few.add("city-" + (i % 40), i);
        }
        assertThat(few.distinct()).isEqualTo(40);

        ColumnProfile many = new ColumnProfile();
        for (int i = 0; i < 200_000; i++) {
            many.add(i % 50_000, i);
        }
        assertThat((double) many.distinct()).isCloseTo(50_000, within(50_000 * 0.2));
    }

    @Test
    void meanStdevAndQuantilesOfASmallColumnAreExact() {
        ColumnProfile profile = new ColumnProfile();
        double[] ages = {15, 16, 16, 17, 18, 19, 22};
        for (int i = 0; i < ages.length; i++) {
            profile.add(ages[i], i);
        }
        assertThat(profile.mean()).isCloseTo(17.571428, within(1e-5));
        assertThat(profile.stdev()).isCloseTo(2.370453, within(1e-5));
        assertThat(profile.quantile(0.5)).isEqualTo(17);
        assertThat(profile.min).isEqualTo(15);
        assertThat(profile.max).isEqualTo(22);
    }

    private static ColumnProfile profile(List<double[]> rows, int from, int to) {
        ColumnProfile profile = new ColumnProfile();
        for (double[] row : rows.subList(from, to)) {
            profile.add(row[1], (long) row[0]);
        }
        profile.trim();
        return profile;
    }
}
