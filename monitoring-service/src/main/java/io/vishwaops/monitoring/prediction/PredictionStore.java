package io.vishwaops.monitoring.prediction;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * What the feedback join needs of each prediction, stored a poll at a time in one statement (the poll's columns
 * as arrays, unnested by PostgreSQL), keyed by prediction id so a redelivered or duplicated event is stored once.
 */
@Repository
class PredictionStore {

    private final JdbcTemplate jdbc;

    PredictionStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One prediction as stored. */
    record StoredPrediction(UUID predictionId, String model, String version, String predictedLabel,
            Double predictedValue, String probabilitiesJson, boolean shadow, long predictedAtMillis) {
    }

    /** A stored prediction's key: a shadow prediction shares its id with the live one it mirrors. */
    record Key(UUID predictionId, boolean shadow) {
    }

    /** Stores the predictions not stored yet; returns the keys of those that were new. */
    Set<Key> storeNew(List<StoredPrediction> predictions) {
        if (predictions.isEmpty()) {
            return Set.of();
        }
        int n = predictions.size();
        UUID[] ids = new UUID[n];
        String[] models = new String[n];
        String[] versions = new String[n];
        String[] labels = new String[n];
        Double[] values = new Double[n];
        String[] probabilities = new String[n];
        Boolean[] shadows = new Boolean[n];
        Long[] times = new Long[n];
        for (int i = 0; i < n; i++) {
            StoredPrediction p = predictions.get(i);
            ids[i] = p.predictionId();
            models[i] = p.model();
            versions[i] = p.version();
            labels[i] = p.predictedLabel();
            values[i] = p.predictedValue();
            probabilities[i] = p.probabilitiesJson();
            shadows[i] = p.shadow();
            times[i] = p.predictedAtMillis();
        }
        return jdbc.execute((Connection c) -> {
            try (PreparedStatement insert = c.prepareStatement("""
                    insert into prediction (prediction_id, model, version, predicted_label, predicted_value,
                                            probabilities, shadow, predicted_at)
                    select id, model, version, label, value, probabilities::jsonb, shadow,
                           to_timestamp(at_ms / 1000.0)
                    from unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::float8[], ?::text[], ?::boolean[],
                                ?::bigint[]) as p(id, model, version, label, value, probabilities, shadow, at_ms)
                    on conflict (prediction_id, shadow) do nothing
                    returning prediction_id, shadow""")) {
                insert.setArray(1, c.createArrayOf("uuid", ids));
                insert.setArray(2, c.createArrayOf("text", models));
                insert.setArray(3, c.createArrayOf("text", versions));
                insert.setArray(4, c.createArrayOf("text", labels));
                insert.setArray(5, c.createArrayOf("float8", values));
                insert.setArray(6, c.createArrayOf("text", probabilities));
                insert.setArray(7, c.createArrayOf("bool", shadows));
                insert.setArray(8, c.createArrayOf("int8", times));
                Set<Key> stored = new HashSet<>(n * 2);
                try (ResultSet rows = insert.executeQuery()) {
                    while (rows.next()) {
                        stored.add(new Key(rows.getObject(1, UUID.class), rows.getBoolean(2)));
                    }
                }
                return stored;
            }
        });
    }
}
