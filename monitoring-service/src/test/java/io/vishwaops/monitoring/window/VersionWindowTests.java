package io.vishwaops.monitoring.window;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VersionWindowTests {

    private final VersionWindow window = new VersionWindow("m", "1",
            List.of(new Column("x", true), new Column("colour", false)), 3);

    @Test
    void keepsTheLastPredictionsOnlyAndCountsAllItWasGiven() {
        for (int i = 1; i <= 5; i++) {
            window.append(new Object[] {(double) i, i % 2 == 0 ? "red" : "blue"}, 1000L * i);
        }
        VersionWindow.Selection all = window.select(0);

        assertThat(all.size()).isEqualTo(3);
        assertThat(window.numbers(0, all)).containsExactlyInAnyOrder(3.0, 4.0, 5.0);
        assertThat(window.categories(1, all)).containsExactlyInAnyOrder("blue", "red", "blue");
        assertThat(window.appended()).isEqualTo(5);
    }

    @Test
    void selectsByTimeToo() {
        window.append(new Object[] {1.0, "blue"}, 1_000);
        window.append(new Object[] {2.0, "red"}, 5_000);
        window.append(new Object[] {3.0, null}, 9_000);
        VersionWindow.Selection recent = window.select(5_000);

        assertThat(recent.size()).isEqualTo(2);
        assertThat(window.numbers(0, recent)).containsExactlyInAnyOrder(2.0, 3.0);
        assertThat(window.categories(1, recent)).containsExactlyInAnyOrder("red", null);
    }

    @Test
    void missingNumbersAreNaNAndAnEmptyWindowIsEmpty() {
        assertThat(window.select(0).size()).isZero();
        window.append(new Object[] {null, "blue"}, 1);
        assertThat(window.numbers(0, window.select(0))).containsExactly(Double.NaN);
        assertThatThrownBy(() -> new VersionWindow("m", "1", List.of(), 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aColumnOfIdsCannotGrowTheDictionaryWithoutBound() {
        Dictionary dictionary = new Dictionary();
        for (int i = 0; i < Dictionary.MAX_CODES + 100; i++) {
            dictionary.code("id-" + i);
        }
        assertThat(dictionary.values()).hasSize(Dictionary.MAX_CODES);
        assertThat(dictionary.values()[dictionary.code("id-" + (Dictionary.MAX_CODES + 50))]).isEqualTo(Dictionary.OTHER);
        assertThat(dictionary.code(null)).isEqualTo(Dictionary.MISSING);
    }
}
