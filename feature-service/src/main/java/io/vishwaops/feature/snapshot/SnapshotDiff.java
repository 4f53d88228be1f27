package io.vishwaops.feature.snapshot;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What changed from one snapshot to another: rows by record id, and each column's profile.
 *
 * @param sameContent whether the two hashes are equal (the same rows with the same values)
 * @param columnsAdded columns only {@code to} has
 * @param columnsRemoved columns only {@code from} has
 * @param columns the profile deltas of the columns both have, in {@code to}'s order
 */
public record SnapshotDiff(Side from, Side to, boolean sameContent, Rows rows, List<String> columnsAdded,
        List<String> columnsRemoved, List<ColumnDelta> columns) {

    public record Side(UUID id, String dataset, String sha256, long rowCount, int schemaVersion) {

        static Side of(Snapshot snapshot) {
            return new Side(snapshot.id(), snapshot.dataset(), snapshot.sha256(), snapshot.rowCount(),
                    snapshot.schemaVersion());
        }
    }

    /**
     * Rows by record id. A record id names one offline record, which is never updated (validation refuses a re-sent
     * id), so {@code changed} is 0 today: a corrected fact arrives as a new record and shows as added.
     *
     * @param added ids only in {@code to}
     * @param removed ids only in {@code from}
     * @param unchanged ids in both
     * @param addedExamples the first added ids, in record id order
     * @param removedExamples the first removed ids, in record id order
     */
    public record Rows(long added, long removed, long changed, long unchanged, List<UUID> addedExamples,
            List<UUID> removedExamples) {
    }

    /** A statistic in both snapshots and {@code to - from}; {@code null}s where one side has none. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Change(Double from, Double to, Double delta) {

        static Change of(Double from, Double to) {
            if (from == null && to == null) {
                return null;
            }
            return new Change(from, to, from == null || to == null ? null : to - from);
        }
    }

    /**
     * How one column moved. Shares are of all rows; a category's share is {@code null} on a side whose list of
     * frequent values is cut short and does not hold it.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ColumnDelta(String name, Change count, Change missingShare, Change distinct, Change mean,
            Change stdev, Change min, Change max, Change median, List<CategoryShift> categories) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CategoryShift(String value, Double shareFrom, Double shareTo, Double delta) {
    }

    static SnapshotDiff of(Snapshot from, Snapshot to, Rows rows) {
        Map<String, ColumnProfile> before = byName(from);
        Map<String, ColumnProfile> after = byName(to);
        List<String> added = to.columns().stream().filter(c -> !before.containsKey(c)).toList();
        List<String> removed = from.columns().stream().filter(c -> !after.containsKey(c)).toList();
        List<ColumnDelta> deltas = new ArrayList<>();
        for (String name : to.columns()) {
            ColumnProfile a = before.get(name);
            ColumnProfile b = after.get(name);
            if (a != null && b != null) {
                deltas.add(delta(a, from.rowCount(), b, to.rowCount()));
            }
        }
        return new SnapshotDiff(Side.of(from), Side.of(to), from.sha256().equals(to.sha256()), rows, added, removed,
                deltas);
    }

    private static ColumnDelta delta(ColumnProfile a, long rowsA, ColumnProfile b, long rowsB) {
        return new ColumnDelta(a.name(), Change.of((double) a.count(), (double) b.count()),
                Change.of(share(a.missing(), rowsA), share(b.missing(), rowsB)),
                Change.of((double) a.distinct(), (double) b.distinct()), Change.of(a.mean(), b.mean()),
                Change.of(a.stdev(), b.stdev()), Change.of(a.min(), b.min()), Change.of(a.max(), b.max()),
                Change.of(median(a), median(b)), categories(a, rowsA, b, rowsB));
    }

    private static List<CategoryShift> categories(ColumnProfile a, long rowsA, ColumnProfile b, long rowsB) {
        if (a.top() == null || b.top() == null) {
            return null;
        }
        Set<String> values = new LinkedHashSet<>();
        b.top().forEach(c -> values.add(c.value()));
        a.top().forEach(c -> values.add(c.value()));
        List<CategoryShift> shifts = new ArrayList<>();
        for (String value : values) {
            Double shareA = share(a, value, rowsA);
            Double shareB = share(b, value, rowsB);
            shifts.add(new CategoryShift(value, shareA, shareB,
                    shareA == null || shareB == null ? null : shareB - shareA));
        }
        return shifts;
    }

    private static Double share(ColumnProfile profile, String value, long rows) {
        for (ColumnProfile.Category category : profile.top()) {
            if (category.value().equals(value)) {
                return share(category.count(), rows);
            }
        }
        boolean complete = !profile.distinctCapped() && profile.distinct() <= profile.top().size();
        return complete ? 0.0 : null;
    }

    private static Double share(long count, long rows) {
        return rows == 0 ? null : (double) count / rows;
    }

    private static Double median(ColumnProfile profile) {
        return profile.quantiles() == null ? null : profile.quantiles().get("p50");
    }

    private static Map<String, ColumnProfile> byName(Snapshot snapshot) {
        return snapshot.profile().stream().collect(Collectors.toMap(ColumnProfile::name, Function.identity()));
    }
}
