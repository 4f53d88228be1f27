package io.vishwaops.validation.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.vishwaops.contracts.datasets.ColumnSpec;
import io.vishwaops.contracts.datasets.DatasetSchema;
import io.vishwaops.contracts.datasets.Expectation;
import io.vishwaops.problems.NotFound;
import io.vishwaops.validation.schema.DatasetSchemas;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Builds a batch's report from its profile parts and its quarantine, and judges the dataset's expectations. */
@Service
public class BatchReports {

    private static final int BINS = 10;

    private final BatchProfiles profiles;
    private final DatasetSchemas schemas;
    private final JdbcClient jdbc;

    BatchReports(BatchProfiles profiles, DatasetSchemas schemas, JdbcClient jdbc) {
        this.profiles = profiles;
        this.schemas = schemas;
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public BatchReport report(UUID batchId) {
        BatchProfiles.Merged merged = profiles.merged(batchId);
        if (merged == null) {
            throw new NotFound("validation report of batch", batchId.toString());
        }
        DatasetSchema schema = schemas.get(merged.dataset(), merged.schemaVersion());
        long valid = jdbc.sql("select coalesce(sum(records), 0) from batch_profile_part where batch_id = :id")
                .param("id", batchId).query(Long.class).single();
        Map<String, Long> byRule = new LinkedHashMap<>();
        jdbc.sql("""
                select v ->> 'rule' as rule, count(*) as n from validation_outcome o, jsonb_array_elements(o.violations) v
                where o.batch_id = :id group by 1 order by 2 desc, 1""")
                .param("id", batchId)
                .query((rs, n) -> byRule.put(rs.getString("rule"), rs.getLong("n")))
                .list();
        long quarantined = jdbc.sql("select count(*) from validation_outcome where batch_id = :id")
                .param("id", batchId).query(Long.class).single();
        long checked = valid + quarantined;

        List<BatchReport.Column> columns = new ArrayList<>();
        for (ColumnSpec spec : schema.columns()) {
            columns.add(column(spec, merged.columns().getOrDefault(spec.name(), new ColumnProfile())));
        }
        List<BatchReport.ExpectationResult> results = new ArrayList<>();
        for (Expectation expectation : schema.expectations()) {
            results.add(judge(expectation, batchId, checked, byRule, merged.columns()));
        }
        return new BatchReport(batchId, merged.dataset(), merged.schemaVersion(), checked, valid, quarantined, byRule,
                columns, results, results.stream().allMatch(BatchReport.ExpectationResult::success));
    }

    @Transactional(readOnly = true)
    public String html(UUID batchId) {
        return HtmlReport.render(report(batchId));
    }

    private static BatchReport.Column column(ColumnSpec spec, ColumnProfile profile) {
        Map<String, Double> quantiles = new LinkedHashMap<>();
        List<Double> edges = new ArrayList<>();
        List<Long> histogram = new ArrayList<>();
        if (profile.numbers > 0) {
            for (double q : new double[] {0.05, 0.25, 0.5, 0.75, 0.95}) {
                quantiles.put("p" + Math.round(q * 100), profile.quantile(q));
            }
            double width = (profile.max - profile.min) / BINS;
            for (int i = 0; i <= BINS; i++) {
                edges.add(profile.min + i * width);
            }
            for (long count : profile.histogram(BINS)) {
                histogram.add(count);
            }
        }
        return new BatchReport.Column(spec.name(), spec.type(), profile.count, profile.missing, profile.distinct(),
                profile.min,
                profile.max, profile.mean(), profile.stdev(), quantiles, edges, histogram, profile.topCategories(10),
                profile.categories().size() + (profile.otherCategories > 0 ? 1 : 0));
    }

    private BatchReport.ExpectationResult judge(Expectation e, UUID batchId, long checked, Map<String, Long> byRule,
            Map<String, ColumnProfile> columns) {
        ColumnProfile column = e.column() == null ? null : columns.getOrDefault(e.column(), new ColumnProfile());
        return switch (e.rule()) {
            case "row-count" -> between(e, (double) checked, "rows");
            case "missing-share" -> {
                long notNull = jdbc.sql("""
                        select count(*) from validation_outcome o, jsonb_array_elements(o.violations) v
                        where o.batch_id = :id and v ->> 'rule' = 'not-null' and v ->> 'field' = :column""")
                        .param("id", batchId).param("column", e.column()).query(Long.class).single();
                double share = checked == 0 ? 0 : (column.missing + notNull) / (double) checked;
                yield atMost(e, share, "share of missing values");
            }
            case "mean-between" -> between(e, column.mean(), "mean");
            case "stdev-between" -> between(e, column.stdev(), "standard deviation");
            case "duplicate-share" -> atMost(e, checked == 0 ? 0 : byRule.getOrDefault("duplicate", 0L) / (double) checked,
                    "share of duplicate rows");
            case "outliers" -> outliers(e, column);
            default -> new BatchReport.ExpectationResult(e, false, null, "unknown rule " + e.rule());
        };
    }

    private static BatchReport.ExpectationResult between(Expectation e, Double observed, String what) {
        if (observed == null) {
            return new BatchReport.ExpectationResult(e, false, null, "no values to compute the " + what + " of");
        }
        boolean ok = (e.min() == null || observed >= e.min()) && (e.max() == null || observed <= e.max());
        return new BatchReport.ExpectationResult(e, ok, observed, what + " " + round(observed)
                + (ok ? " is within " : " is outside ") + range(e));
    }

    private static BatchReport.ExpectationResult atMost(Expectation e, double observed, String what) {
        boolean ok = e.max() == null || observed <= e.max();
        return new BatchReport.ExpectationResult(e, ok, observed, what + " " + round(observed)
                + (ok ? " is at most " : " is above ") + e.max());
    }

    /** Outliers are flagged, not refused: the share observed in the sample, failing only above an explicit max. */
    private static BatchReport.ExpectationResult outliers(Expectation e, ColumnProfile column) {
        double[] values = column.sorted();
        if (values.length == 0) {
            return new BatchReport.ExpectationResult(e, true, 0.0, "no values");
        }
        double low;
        double high;
        if ("zscore".equals(e.method())) {
            double z = e.threshold() == null ? 3 : e.threshold();
            double mean = column.mean();
            double sd = column.stdev() == null ? 0 : column.stdev();
            low = mean - z * sd;
            high = mean + z * sd;
        }
        else {
            double k = e.threshold() == null ? 1.5 : e.threshold();
            double q1 = column.quantile(0.25);
            double q3 = column.quantile(0.75);
            low = q1 - k * (q3 - q1);
            high = q3 + k * (q3 - q1);
        }
        long outside = java.util.Arrays.stream(values).filter(x -> x < low || x > high).count();
        double share = outside / (double) values.length;
        boolean ok = e.max() == null || share <= e.max();
        return new BatchReport.ExpectationResult(e, ok, share, round(share * 100) + "% of sampled values outside ["
                + round(low) + ", " + round(high) + "]");
    }

    private static String range(Expectation e) {
        return "[" + (e.min() == null ? "-inf" : round(e.min())) + ", " + (e.max() == null ? "inf" : round(e.max())) + "]";
    }

    static String round(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e15 ? String.valueOf((long) x) : String.format("%.4g", x);
    }
}
