package io.vishwaops.registry.search;

import java.util.LinkedHashMap;
import java.util.Map;

/** SQL conditions being built from filter clauses, with their named parameters. */
public final class SqlFilter {

    private final StringBuilder where = new StringBuilder();
    private final Map<String, Object> params = new LinkedHashMap<>();
    private int next;

    public String param(Object value) {
        String name = "p" + next++;
        params.put(name, value);
        return ":" + name;
    }

    public SqlFilter and(String condition) {
        where.append(" and ").append(condition);
        return this;
    }

    public String where() {
        return where.toString();
    }

    public Map<String, Object> params() {
        return params;
    }

    /** {@code column op value} for a string comparison, with LIKE and ILIKE as in SQL. */
    public String compare(String column, String op, String value) {
        return switch (op) {
            case "ILIKE" -> column + " ilike " + param(value);
            case "LIKE" -> column + " like " + param(value);
            default -> column + " " + op + " " + param(value);
        };
    }
}
