package io.vishwaops.feature.snapshot;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.StringNode;

/**
 * The one text a row has, whatever order its fields arrived in and however its numbers were written: a JSON object
 * of the record id (as {@code _record_id}) and its values, members sorted by name (UTF-16 code units, as RFC 8785),
 * missing values ({@code null}) left out, numbers in their shortest plain decimal form ({@code 18}, not {@code 18.0}
 * or {@code 1.8E1}), strings escaped minimally. A snapshot's hash is the sha-256 of these rows, each ending in a
 * line feed, in record id order: exactly the bytes of its NDJSON export.
 */
final class CanonicalRow {

    static final String RECORD_ID = "_record_id";

    private CanonicalRow() {
    }

    static String of(UUID recordId, JsonNode values) {
        StringBuilder out = new StringBuilder(256);
        List<Map.Entry<String, JsonNode>> members = new ArrayList<>(values.size() + 1);
        for (Map.Entry<String, JsonNode> member : values.properties()) {
            if (!member.getValue().isNull() && !RECORD_ID.equals(member.getKey())) {
                members.add(member);
            }
        }
        members.add(Map.entry(RECORD_ID, StringNode.valueOf(recordId.toString())));
        members.sort(Map.Entry.comparingByKey());
        out.append('{');
        for (int i = 0; i < members.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            string(out, members.get(i).getKey());
            out.append(':');
            value(out, members.get(i).getValue());
        }
        return out.append('}').toString();
    }

    /** A value as text: what it is hashed as (numbers normalised), without JSON quoting for strings. */
    static String text(JsonNode value) {
        if (value.isNumber()) {
            return number(value.decimalValue());
        }
        if (value.isString()) {
            return value.stringValue();
        }
        if (value.isContainer()) {
            StringBuilder out = new StringBuilder();
            value(out, value);
            return out.toString();
        }
        return value.asString();
    }

    static String number(BigDecimal number) {
        if (number.signum() == 0) {
            return "0";
        }
        BigDecimal stripped = number.stripTrailingZeros();
        return stripped.scale() <= 0 ? stripped.toBigIntegerExact().toString() : stripped.toPlainString();
    }

    private static void value(StringBuilder out, JsonNode value) {
        if (value.isNumber()) {
            out.append(number(value.decimalValue()));
        }
        else if (value.isString()) {
            string(out, value.stringValue());
        }
        else if (value.isBoolean()) {
            out.append(value.booleanValue());
        }
        else if (value.isArray()) {
            out.append('[');
            for (int i = 0; i < value.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                value(out, value.get(i));
            }
            out.append(']');
        }
        else if (value.isObject()) {
            List<Map.Entry<String, JsonNode>> members = new ArrayList<>(value.properties());
            members.removeIf(m -> m.getValue().isNull());
            members.sort(Map.Entry.comparingByKey());
            out.append('{');
            for (int i = 0; i < members.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                string(out, members.get(i).getKey());
                out.append(':');
                value(out, members.get(i).getValue());
            }
            out.append('}');
        }
        else {
            out.append("null");
        }
    }

    static void string(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xF, 16));
                    }
                    else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
