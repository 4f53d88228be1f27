package io.vishwaops.registry.search;

import java.util.List;

import io.vishwaops.problems.InvalidInput;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SearchFilterTests {

    @Test
    void readsMlflowsSyntax() {
        List<SearchFilter.Clause> clauses = SearchFilter.parse(
                "metrics.f1 >= 0.8 and params.`learning rate` = '0.1' AND tags.\"mlflow.user\" LIKE 'ana%' "
                        + "and attributes.status != 'FAILED' and run_id IN ('a', 'b')");

        assertThat(clauses).containsExactly(
                new SearchFilter.Clause(SearchFilter.Kind.METRIC, "f1", ">=", 0.8),
                new SearchFilter.Clause(SearchFilter.Kind.PARAM, "learning rate", "=", "0.1"),
                new SearchFilter.Clause(SearchFilter.Kind.TAG, "mlflow.user", "LIKE", "ana%"),
                new SearchFilter.Clause(SearchFilter.Kind.ATTRIBUTE, "status", "!=", "FAILED"),
                new SearchFilter.Clause(SearchFilter.Kind.ATTRIBUTE, "run_id", "IN", List.of("a", "b")));
    }

    @Test
    void refusesWhatMlflowRefusesAndSaysWhere() {
        assertInvalid("metrics.f1 > 0.9 or metrics.f1 < 0.1", "expected AND");
        assertInvalid("metrics.f1 LIKE '0.9'", "Invalid comparator 'LIKE'");
        assertInvalid("params.alpha = 1", "Expected a quoted string");
        assertInvalid("params.alpha > '1'", "Invalid comparator '>'");
        assertInvalid("metrics.f1 = 'x'", "Expected numeric value");
        assertInvalid("features.f1 = 1", "Invalid entity type 'features'");
        assertInvalid("params.alpha = 'open", "unterminated quoted string");
        assertInvalid("metrics.f1 ~ 2", "position 11");
    }

    @Test
    void orderByTakesADirection() {
        assertThat(SearchFilter.order("metrics.f1 DESC"))
                .isEqualTo(new SearchFilter.Order(SearchFilter.Kind.METRIC, "f1", false));
        assertThat(SearchFilter.order("start_time")).isEqualTo(new SearchFilter.Order(SearchFilter.Kind.ATTRIBUTE,
                "start_time", true));
        assertThatThrownBy(() -> SearchFilter.order("metrics.f1 sideways")).isInstanceOf(InvalidInput.class);
    }

    @Test
    void pageTokensRoundTripAndBadOnesAreRefused() {
        Page<Integer> page = PageToken.page(List.of(1, 2, 3), 10, 2);
        assertThat(page.items()).containsExactly(1, 2);
        assertThat(PageToken.offset(page.nextPageToken())).isEqualTo(12);
        assertThatThrownBy(() -> PageToken.offset("not base64!")).isInstanceOf(InvalidInput.class);
    }

    private static void assertInvalid(String filter, String message) {
        assertThatThrownBy(() -> SearchFilter.parse(filter)).isInstanceOf(InvalidInput.class).hasMessageContaining(message);
    }
}
