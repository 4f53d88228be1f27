package io.vishwaops.feature.dataset;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * Where a dataset's records sit: which column names the entity a record is about and which says when its facts held.
 * Either may be {@code null} when the schema names none.
 */
public record Placement(String entityKey, String eventTime) {

    /** A dataset whose schema has not arrived: its records cannot be placed yet. */
    public static final Placement NONE = new Placement(null, null);

    /**
     * The record's entity id as text: numbers in their shortest plain form ({@code 42}, never {@code 42.0}), so an
     * id sent as a number and looked up in a URL meet; {@code null} when the record has none.
     */
    public String entityId(Map<String, ?> values) {
        return entityKey == null ? null : entityId(values.get(entityKey));
    }

    /** The record's event time, or {@code null}. */
    public Instant eventTime(Map<String, ?> values) {
        return eventTime == null ? null : EventTimes.of(values.get(eventTime));
    }

    public static String entityId(Object value) {
        return switch (value) {
            case null -> null;
            case String text -> text.isEmpty() ? null : text;
            case Integer n -> n.toString();
            case Long n -> n.toString();
            case Number n -> plain(new BigDecimal(n.toString()));
            default -> value.toString();
        };
    }

    private static String plain(BigDecimal number) {
        if (number.signum() == 0) {
            return "0";
        }
        BigDecimal stripped = number.stripTrailingZeros();
        return stripped.scale() <= 0 ? stripped.toBigIntegerExact().toString() : stripped.toPlainString();
    }
}
