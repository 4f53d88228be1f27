package io.vishwaops.monitoring.drift;

import java.util.Locale;
import java.util.Map;

/**
 * The drift report as a page: the verdict, a table of every column's test, and one card per column with its
 * reference and current shares side by side, drawn in SVG. Self-contained: no script, style sheet or font from
 * elsewhere, so it opens anywhere.
 */
public final class HtmlDriftReport {

    private static final String REFERENCE = "#8c959f";
    private static final String CURRENT = "#0969da";

    private HtmlDriftReport() {
    }

    public static String render(DriftEvaluator.Evaluation evaluation) {
        DriftReport r = evaluation.report();
        StringBuilder html = new StringBuilder(32_768);
        html.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Drift report: ")
                .append(esc(r.model())).append(" version ").append(esc(r.version())).append("</title><style>")
                .append("body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:72rem;color:#1b1f24;padding:0 1rem}")
                .append("h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem}table{border-collapse:collapse;width:100%}")
                .append("th,td{text-align:left;padding:.35rem .6rem;border-bottom:1px solid #d8dee4}th{background:#f6f8fa}")
                .append(".ok{color:#1a7f37;font-weight:600}.bad{color:#cf222e;font-weight:600}.muted{color:#57606a}")
                .append(".cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(21rem,1fr));gap:1rem}")
                .append(".card{border:1px solid #d8dee4;border-radius:6px;padding:.75rem 1rem}.card h3{margin:.2rem 0 .4rem;font-size:1rem}")
                .append(".key span{display:inline-block;width:.8rem;height:.8rem;margin:0 .3rem 0 .8rem;vertical-align:middle}")
                .append("</style></head><body>");
        html.append("<h1>Drift report: ").append(esc(r.model())).append(" version ").append(esc(r.version())).append("</h1>");
        html.append("<p class=\"muted\">").append(r.windowSize()).append(" predictions (the last ")
                .append(r.windowCapacity()).append(", predicted since ").append(r.windowStart()).append(") against the reference")
                .append(" profile; evaluated ").append(r.evaluatedAt()).append("</p>");
        DriftReport.Dataset d = r.dataset();
        html.append("<p><span class=\"").append(d.drifted() ? "bad\">Dataset drifted" : "ok\">No dataset drift")
                .append("</span> · ").append(d.driftedColumns()).append(" of ").append(d.columns())
                .append(" columns drifted (").append(percent(d.share())).append("; the dataset drifts at ")
                .append(percent(d.driftShare())).append(")</p>");
        html.append("<p class=\"key muted\">Shares:<span style=\"background:").append(REFERENCE)
                .append("\"></span>reference<span style=\"background:").append(CURRENT).append("\"></span>current window</p>");

        html.append("<h2>Columns</h2><table><thead><tr><th>Column</th><th>Kind</th><th>Method</th><th>Score</th>")
                .append("<th>Threshold</th><th>Verdict</th><th>Window values</th><th>Reference values</th></tr></thead><tbody>");
        for (ColumnDrift c : r.columns()) {
            html.append("<tr><td><a href=\"#").append(anchor(c.feature())).append("\">").append(esc(c.feature()))
                    .append("</a></td><td>").append(c.kind()).append("</td><td>")
                    .append(c.method() == null ? "—" : c.method()).append("</td><td>").append(number(c.score()))
                    .append("</td><td>").append(number(c.threshold())).append("</td><td>");
            if (!c.tested()) {
                html.append("<span class=\"muted\">not tested: ").append(esc(c.problem())).append("</span>");
            } else {
                html.append("<span class=\"").append(c.drifted() ? "bad\">drifted" : "ok\">no drift").append("</span>");
            }
            html.append("</td><td>").append(c.currentSize()).append("</td><td>").append(c.referenceSize()).append("</td></tr>");
        }
        html.append("</tbody></table>");

        html.append("<h2>Reference and current distributions</h2><div class=\"cards\">");
        Map<String, Histogram> histograms = evaluation.histograms();
        for (ColumnDrift c : r.columns()) {
            html.append("<div class=\"card\" id=\"").append(anchor(c.feature())).append("\"><h3>").append(esc(c.feature()))
                    .append(" <span class=\"").append(!c.tested() ? "muted\">not tested" : c.drifted() ? "bad\">drifted" : "ok\">no drift")
                    .append("</span></h3><p class=\"muted\">").append(c.method() == null ? esc(c.problem())
                            : c.method() + " " + number(c.score()) + " (threshold " + number(c.threshold()) + ")")
                    .append("</p>");
            Histogram h = histograms.get(c.feature());
            if (h != null && !h.bins().isEmpty()) {
                svg(html, h);
            }
            html.append("</div>");
        }
        html.append("</div></body></html>");
        return html.toString();
    }

    private static void svg(StringBuilder html, Histogram h) {
        int bins = h.bins().size();
        int width = 320;
        int height = 130;
        int bottom = 100;
        double max = 0;
        for (int b = 0; b < bins; b++) {
            max = Math.max(max, Math.max(h.reference()[b], h.current()[b]));
        }
        double slot = (double) width / bins;
        double bar = Math.max(1, slot / 2 - 1);
        html.append("<svg viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" width=\"100%\" role=\"img\">");
        for (int b = 0; b < bins; b++) {
            double x = b * slot;
            bar(html, x + 0.5, bar, h.reference()[b], max, bottom, REFERENCE, h.bins().get(b), "reference");
            bar(html, x + 0.5 + bar, bar, h.current()[b], max, bottom, CURRENT, h.bins().get(b), "current");
        }
        html.append("<line x1=\"0\" y1=\"").append(bottom).append("\" x2=\"").append(width).append("\" y2=\"").append(bottom)
                .append("\" stroke=\"#d8dee4\"/>");
        int every = Math.max(1, (int) Math.ceil(bins / 6.0));
        for (int b = 0; b < bins; b += every) {
            html.append("<text x=\"").append(fmt(b * slot + 1)).append("\" y=\"").append(bottom + 14)
                    .append("\" font-size=\"9\" fill=\"#57606a\">").append(esc(shorten(h.bins().get(b)))).append("</text>");
        }
        html.append("</svg>");
    }

    private static void bar(StringBuilder html, double x, double width, double share, double max, int bottom,
            String colour, String bin, String side) {
        double height = max == 0 ? 0 : share / max * (bottom - 5);
        html.append("<rect x=\"").append(fmt(x)).append("\" y=\"").append(fmt(bottom - height)).append("\" width=\"")
                .append(fmt(width)).append("\" height=\"").append(fmt(height)).append("\" fill=\"").append(colour)
                .append("\"><title>").append(esc(bin)).append(": ").append(side).append(' ').append(percent(share))
                .append("</title></rect>");
    }

    private static String shorten(String label) {
        return label.length() > 10 ? label.substring(0, 9) + "…" : label;
    }

    private static String anchor(String feature) {
        return "col-" + feature.replaceAll("[^A-Za-z0-9_-]", "_");
    }

    private static String number(Double v) {
        if (v == null) {
            return "—";
        }
        return v != 0 && Math.abs(v) < 1e-3 ? String.format(Locale.ROOT, "%.2e", v) : String.format(Locale.ROOT, "%.4f", v);
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String esc(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
