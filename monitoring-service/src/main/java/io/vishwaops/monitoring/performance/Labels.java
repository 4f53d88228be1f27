package io.vishwaops.monitoring.performance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vishwaops.contracts.predictions.FeedbackReceived;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import tools.jackson.databind.json.JsonMapper;

/**
 * Joins true labels to stored predictions by prediction id. A label for a prediction not stored (yet) is parked and
 * counted; {@link #joinParked} joins it when its prediction arrives (every evaluation runs it), and drops what has
 * waited longer than the performance window. A second label for the same prediction is ignored.
 */
@Repository
public class Labels {

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final Counter joined;
    private final Counter parked;
    private final Counter duplicate;
    private final Counter joinedLater;

    Labels(JdbcTemplate jdbc, JsonMapper json, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.json = json;
        this.joined = feedback(meters, "joined");
        this.parked = feedback(meters, "parked");
        this.duplicate = feedback(meters, "duplicate");
        this.joinedLater = feedback(meters, "joined-later");
    }

    private static Counter feedback(MeterRegistry meters, String outcome) {
        return Counter.builder("vops.monitoring.feedback").tag("outcome", outcome)
                .description("Labels taken in: joined to their prediction, parked for a prediction not seen (yet), "
                        + "duplicate, or joined when their prediction arrived later")
                .register(meters);
    }

    /** Joins a poll of labels; labels of unknown predictions are parked. */
    public void accept(List<FeedbackReceived> feedback) {
        Map<UUID, FeedbackReceived> byId = new LinkedHashMap<>();
        int duplicatesInPoll = 0;
        for (FeedbackReceived f : feedback) {
            if (f.predictionId() == null || f.actual() == null || byId.putIfAbsent(f.predictionId(), f) != null) {
                duplicatesInPoll++;
            }
        }
        if (byId.isEmpty()) {
            duplicate.increment(duplicatesInPoll);
            return;
        }
        List<FeedbackReceived> labels = new ArrayList<>(byId.values());
        Set<UUID> updated = jdbc.execute((Connection c) -> {
            try (PreparedStatement update = c.prepareStatement("""
                    update prediction p set actual_label = f.label, actual_value = f.value,
                                            labelled_at = to_timestamp(f.at_ms / 1000.0)
                    from unnest(?::uuid[], ?::text[], ?::float8[], ?::bigint[]) as f(id, label, value, at_ms)
                    where p.prediction_id = f.id and p.labelled_at is null
                    returning p.prediction_id""")) {
                setArrays(c, update, labels);
                return ids(update);
            }
        });
        List<FeedbackReceived> rest = labels.stream().filter(f -> !updated.contains(f.predictionId())).toList();
        Set<UUID> known = rest.isEmpty() ? Set.of() : jdbc.execute((Connection c) -> {
            try (PreparedStatement select = c.prepareStatement(
                    "select prediction_id from prediction where prediction_id = any(?::uuid[])")) {
                select.setArray(1, c.createArrayOf("uuid", rest.stream().map(FeedbackReceived::predictionId).toArray()));
                return ids(select);
            }
        });
        List<FeedbackReceived> unknown = rest.stream().filter(f -> !known.contains(f.predictionId())).toList();
        int newlyParked = 0;
        if (!unknown.isEmpty()) {
            newlyParked = jdbc.execute((Connection c) -> {
                try (PreparedStatement park = c.prepareStatement("""
                        insert into parked_feedback (prediction_id, actual_label, actual_value, received_at, model)
                        select f.id, f.label, f.value, to_timestamp(f.at_ms / 1000.0), f.model
                        from unnest(?::uuid[], ?::text[], ?::float8[], ?::bigint[], ?::text[])
                             as f(id, label, value, at_ms, model)
                        on conflict (prediction_id) do nothing""")) {
                    setArrays(c, park, unknown);
                    park.setArray(5, c.createArrayOf("text", unknown.stream().map(FeedbackReceived::model).toArray()));
                    return park.executeUpdate();
                }
            });
        }
        joined.increment(updated.size());
        parked.increment(newlyParked);
        duplicate.increment(duplicatesInPoll + known.size() + unknown.size() - newlyParked);
    }

    /** Joins parked labels whose prediction has arrived since, and drops those parked before {@code expiredBefore}. */
    public int joinParked(Instant expiredBefore) {
        int n = jdbc.update("""
                with found as (
                    delete from parked_feedback f using prediction p
                    where f.prediction_id = p.prediction_id
                    returning f.prediction_id, f.actual_label, f.actual_value, f.received_at)
                update prediction p set actual_label = found.actual_label, actual_value = found.actual_value,
                                        labelled_at = found.received_at
                from found where p.prediction_id = found.prediction_id and p.labelled_at is null""");
        joinedLater.increment(n);
        jdbc.update("delete from parked_feedback where parked_at < ?", Timestamp.from(expiredBefore));
        return n;
    }

    /** Labels waiting for their prediction. */
    public long parkedCount() {
        Long n = jdbc.queryForObject("select count(*) from parked_feedback", Long.class);
        return n == null ? 0 : n;
    }

    /** A labelled prediction. */
    public record Labelled(String predictedLabel, Double predictedValue, Map<String, Double> probabilities,
            String actualLabel, Double actualValue) {
    }

    /** The version's most recent labelled live predictions, at most {@code limit}, predicted since {@code since}. */
    public List<Labelled> labelled(String model, String version, Instant since, int limit) {
        return jdbc.query("""
                select predicted_label, predicted_value, probabilities::text, actual_label, actual_value
                from prediction
                where model = ? and version = ? and labelled_at is not null and not shadow and predicted_at >= ?
                order by predicted_at desc limit ?""",
                (rs, i) -> new Labelled(rs.getString(1), (Double) rs.getObject(2), probabilities(rs.getString(3)),
                        rs.getString(4), (Double) rs.getObject(5)),
                model, version, Timestamp.from(since), limit);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Double> probabilities(String text) {
        if (text == null) {
            return Map.of();
        }
        Map<String, Object> raw = json.readValue(text, Map.class);
        Map<String, Double> out = new LinkedHashMap<>();
        raw.forEach((k, v) -> out.put(k, v instanceof Number n ? n.doubleValue() : Double.NaN));
        return out;
    }

    private static void setArrays(Connection c, PreparedStatement statement, List<FeedbackReceived> labels)
            throws java.sql.SQLException {
        statement.setArray(1, c.createArrayOf("uuid", labels.stream().map(FeedbackReceived::predictionId).toArray()));
        statement.setArray(2, c.createArrayOf("text", labels.stream().map(f -> label(f.actual())).toArray()));
        statement.setArray(3, c.createArrayOf("float8", labels.stream().map(f -> number(f.actual())).toArray()));
        statement.setArray(4, c.createArrayOf("int8", labels.stream()
                .map(f -> (f.receivedAt() != null ? f.receivedAt() : Instant.now()).toEpochMilli()).toArray()));
    }

    private static String label(Object actual) {
        return actual instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && !(actual instanceof Double)
                ? String.valueOf(n.longValue()) : String.valueOf(actual);
    }

    private static Double number(Object actual) {
        if (actual instanceof Number n) {
            return n.doubleValue();
        }
        if (actual instanceof String s) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static Set<UUID> ids(PreparedStatement statement) throws java.sql.SQLException {
        Set<UUID> ids = new HashSet<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                ids.add(rows.getObject(1, UUID.class));
            }
        }
        return ids;
    }
}
