package io.vishwaops.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;

/** What a command prints: an aligned table for people, or the platform's JSON for scripts ({@code --output json}). */
final class Output {

    private final PrintWriter out;
    private final boolean json;

    Output(PrintWriter out, boolean json) {
        this.out = out;
        this.json = json;
    }

    boolean json() {
        return json;
    }

    void json(JsonNode node) {
        out.println(Gateway.JSON.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(node));
        out.flush();
    }

    void line(String text) {
        out.println(text);
        out.flush();
    }

    /** The JSON when asked for, else the table. */
    void either(JsonNode node, Table table) {
        if (json) {
            json(node);
        } else {
            table.print(out);
            out.flush();
        }
    }

    /** The JSON when asked for, else the text. */
    void either(JsonNode node, String text) {
        if (json) {
            json(node);
        } else {
            line(text);
        }
    }

    /** Columns padded to their widest cell; long cells cut at 60 characters. */
    static final class Table {
        private final List<String> headers;
        private final List<List<String>> rows = new ArrayList<>();

        Table(String... headers) {
            this.headers = List.of(headers);
        }

        Table row(Object... cells) {
            List<String> row = new ArrayList<>();
            for (Object cell : cells) {
                String text = cell == null ? "" : cell instanceof JsonNode n ? text(n) : String.valueOf(cell);
                row.add(text.length() > 60 ? text.substring(0, 59) + "…" : text);
            }
            rows.add(row);
            return this;
        }

        boolean isEmpty() {
            return rows.isEmpty();
        }

        void print(PrintWriter out) {
            int[] widths = new int[headers.size()];
            for (int j = 0; j < widths.length; j++) {
                widths[j] = headers.get(j).length();
                for (List<String> row : rows) {
                    widths[j] = Math.max(widths[j], j < row.size() ? row.get(j).length() : 0);
                }
            }
            print(out, headers, widths);
            for (List<String> row : rows) {
                print(out, row, widths);
            }
            if (rows.isEmpty()) {
                out.println("(none)");
            }
        }

        private static void print(PrintWriter out, List<String> cells, int[] widths) {
            StringBuilder line = new StringBuilder();
            for (int j = 0; j < widths.length; j++) {
                String cell = j < cells.size() ? cells.get(j) : "";
                line.append(cell);
                if (j < widths.length - 1) {
                    line.append(" ".repeat(widths[j] - cell.length() + 2));
                }
            }
            out.println(line.toString().stripTrailing());
        }
    }

    static String text(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return "";
        }
        if (node.isString()) {
            return node.asString();
        }
        if (node.isFloatingPointNumber()) {
            double v = node.asDouble();
            return Math.abs(v) >= 1e-3 && Math.abs(v) < 1e7 || v == 0 ? String.format("%.4f", v).replaceAll("0+$", "")
                    .replaceAll("\\.$", "") : String.valueOf(v);
        }
        return node.toString();
    }
}
