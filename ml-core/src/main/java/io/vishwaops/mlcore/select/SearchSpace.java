package io.vishwaops.mlcore.select;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import io.vishwaops.mlcore.train.Algorithm;

/**
 * One candidate algorithm and the values to try for each of its hyper-parameters; a parameter left out keeps its
 * default, and an empty grid is a single trial with every default. A parameter with no values is rejected here, so a
 * spec naming an empty search space fails validation instead of silently training with a default.
 *
 * @param grid hyper-parameter name to the values to try; kept in name order
 */
public record SearchSpace(Algorithm algorithm, Map<String, List<Object>> grid) {

    public SearchSpace {
        Objects.requireNonNull(algorithm, "algorithm");
        // in name order, so the trials' order (and so their seeds) does not depend on the map the caller built
        Map<String, List<Object>> copy = new TreeMap<>();
        if (grid != null) {
            grid.forEach((name, values) -> {
                Objects.requireNonNull(name, "hyper-parameter name");
                if (values == null || values.isEmpty()) {
                    throw new IllegalArgumentException(algorithm.id() + ": hyper-parameter '" + name
                            + "' has no values to try");
                }
                // values may hold nulls from a loose spec; List.copyOf would throw without naming the parameter
                if (values.stream().anyMatch(Objects::isNull)) {
                    throw new IllegalArgumentException(algorithm.id() + ": hyper-parameter '" + name
                            + "' has an empty value");
                }
                copy.put(name, List.copyOf(new ArrayList<>(values)));
            });
        }
        grid = java.util.Collections.unmodifiableMap(copy);
    }

    /** Every default, one trial. */
    public static SearchSpace defaults(Algorithm algorithm) {
        return new SearchSpace(algorithm, Map.of());
    }

    /** How many parameter combinations the grid holds: the product of the value counts (1 for an empty grid). */
    public long combinations() {
        long n = 1;
        for (List<Object> values : grid.values()) {
            n = Math.multiplyExact(n, values.size());
        }
        return n;
    }

    /** The combination at this position of the cartesian product, the last parameter varying fastest. */
    Map<String, Object> combination(long position) {
        List<String> names = new ArrayList<>(grid.keySet());
        Object[] chosen = new Object[names.size()];
        long rest = position;
        for (int p = names.size() - 1; p >= 0; p--) {
            List<Object> values = grid.get(names.get(p));
            chosen[p] = values.get((int) (rest % values.size()));
            rest /= values.size();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (int p = 0; p < names.size(); p++) {
            out.put(names.get(p), chosen[p]);
        }
        return out;
    }
}
