package io.vishwaops.validation.report;

import java.util.List;
import java.util.Map;

/**
 * The report as a page a person would rather read: the verdict, the expectations, the reasons for quarantine and
 * one card per column with its statistics and a histogram drawn in SVG. Self-contained: no script, no external
 * style sheet or font, so it opens anywhere.
 */
final class HtmlReport {

    private HtmlReport() {
    }

    static String render(BatchReport report) {
        StringBuilder html = new StringBuilder(16_384);
        html.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Validation report: ")
                .append(esc(report.dataset())).append("</title><style>")
                .append("body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:70rem;color:#1b1f24;padding:0 1rem}")
                .append("h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem}table{border-collapse:collapse;width:100%}")
                .append("th,td{text-align:left;padding:.35rem .6rem;border-bottom:1px solid #d8dee4}th{background:#f6f8fa}")
                .append(".ok{color:#1a7f37;font-weight:600}.bad{color:#cf222e;font-weight:600}")
                .append(".cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(20rem,1fr));gap:1rem}")
                .append(".card{border:1px solid #d8dee4;border-radius:6px;padding:.75rem 1rem}.card h3{margin:.2rem 0 .5rem;font-size:1rem}")
                .append(".muted{color:#57606a}dl{display:grid;grid-template-columns:auto 1fr;gap:.1rem .8rem;margin:0}dt{color:#57606a}")
                .append("</style></head><body>");
        html.append("<h1>Validation report: ").append(esc(report.dataset())).append("</h1>");
        html.append("<p class=\"muted\">Batch <code>").append(report.batchId()).append("</code>, schema version ")
                .append(report.schemaVersion()).append("</p>");
        html.append("<p><span class=\"").append(report.success() ? "ok\">All expectations met" : "bad\">Expectations failed")
                .append("</span> · ").append(report.checked()).append(" records checked, ").append(report.valid())
                .append(" valid, ").append(report.quarantined()).append(" quarantined</p>");

        html.append("<h2>Expectations</h2>");
        if (report.expectations().isEmpty()) {
            html.append("<p class=\"muted\">The dataset defines none.</p>");
        }
        else {
            html.append("<table><thead><tr><th>Rule</th><th>Column</th><th>Result</th><th>Observed</th></tr></thead><tbody>");
            for (BatchReport.ExpectationResult result : report.expectations()) {
                html.append("<tr><td>").append(esc(result.expectation().rule())).append("</td><td>")
                        .append(esc(String.valueOf(result.expectation().column() == null ? "" : result.expectation().column())))
                        .append("</td><td class=\"").append(result.success() ? "ok\">met" : "bad\">not met")
                        .append("</td><td>").append(esc(result.message())).append("</td></tr>");
            }
            html.append("</tbody></table>");
        }

        html.append("<h2>Why records were quarantined</h2>");
        if (report.violationsByRule().isEmpty()) {
            html.append("<p class=\"muted\">None were.</p>");
        }
        else {
            html.append("<table><thead><tr><th>Rule</th><th>Violations</th></tr></thead><tbody>");
            report.violationsByRule().forEach((rule, n) -> html.append("<tr><td>").append(esc(rule)).append("</td><td>")
                    .append(n).append("</td></tr>"));
            html.append("</tbody></table><p class=\"muted\">Each record with its reasons: <code>GET /api/v1/validation/batches/")
                    .append(report.batchId()).append("/quarantine</code></p>");
        }

        html.append("<h2>Columns (valid records)</h2><div class=\"cards\">");
        for (BatchReport.Column column : report.columns()) {
            html.append("<section class=\"card\"><h3>").append(esc(column.name())).append(" <span class=\"muted\">")
                    .append(esc(column.type())).append("</span></h3><dl>");
            item(html, "values", String.valueOf(column.count()));
            item(html, "distinct", String.valueOf(column.distinct()));
            item(html, "missing", column.missing() + (column.count() == 0 ? ""
                    : " (" + BatchReports.round(100.0 * column.missing() / column.count()) + "%)"));
            if (column.min() != null) {
                item(html, "min / max", BatchReports.round(column.min()) + " / " + BatchReports.round(column.max()));
                item(html, "mean", column.mean() == null ? "" : BatchReports.round(column.mean()));
                item(html, "stdev", column.stdev() == null ? "" : BatchReports.round(column.stdev()));
                column.quantiles().forEach((q, x) -> item(html, q, x == null ? "" : BatchReports.round(x)));
            }
            if (!column.topCategories().isEmpty()) {
                item(html, "categories", String.valueOf(column.distinctCategories()));
                StringBuilder top = new StringBuilder();
                column.topCategories().forEach((k, n) -> top.append(esc(k)).append(" (").append(n).append(") "));
                html.append("<dt>top</dt><dd>").append(top).append("</dd>");
            }
            html.append("</dl>");
            if (!column.histogram().isEmpty()) {
                histogram(html, column.histogram(), column.histogramEdges());
            }
            html.append("</section>");
        }
        html.append("</div></body></html>");
        return html.toString();
    }

    private static void histogram(StringBuilder html, List<Long> counts, List<Double> edges) {
        long max = counts.stream().mapToLong(Long::longValue).max().orElse(1);
        int width = 280;
        int height = 70;
        int bar = width / counts.size();
        html.append("<svg role=\"img\" aria-label=\"histogram from ").append(BatchReports.round(edges.getFirst()))
                .append(" to ").append(BatchReports.round(edges.getLast())).append("\" width=\"").append(width)
                .append("\" height=\"").append(height + 14).append("\" viewBox=\"0 0 ").append(width).append(' ')
                .append(height + 14).append("\">");
        for (int i = 0; i < counts.size(); i++) {
            long h = max == 0 ? 0 : Math.round((double) counts.get(i) * height / max);
            html.append("<rect x=\"").append(i * bar + 1).append("\" y=\"").append(height - h).append("\" width=\"")
                    .append(bar - 2).append("\" height=\"").append(h).append("\" fill=\"#0969da\"><title>")
                    .append(BatchReports.round(edges.get(i))).append(" to ").append(BatchReports.round(edges.get(i + 1)))
                    .append(": ").append(counts.get(i)).append("</title></rect>");
        }
        html.append("<text x=\"0\" y=\"").append(height + 12).append("\" font-size=\"10\" fill=\"#57606a\">")
                .append(BatchReports.round(edges.getFirst())).append("</text><text x=\"").append(width)
                .append("\" y=\"").append(height + 12).append("\" font-size=\"10\" fill=\"#57606a\" text-anchor=\"end\">")
                .append(BatchReports.round(edges.getLast())).append("</text></svg>");
    }

    private static void item(StringBuilder html, String term, String value) {
        html.append("<dt>").append(esc(term)).append("</dt><dd>").append(esc(value)).append("</dd>");
    }

    static String esc(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
