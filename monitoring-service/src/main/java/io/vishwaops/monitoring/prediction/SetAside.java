package io.vishwaops.monitoring.prediction;

import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Predictions that cannot be monitored, kept with their whole event so they can be looked at or replayed: an
 * unknown model version, a bundle that cannot be loaded, an event without an id, model or version. Keyed by event
 * id, so a redelivered event is set aside (and counted) once.
 */
@Repository
class SetAside {

    private final JdbcTemplate jdbc;

    SetAside(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    record Entry(UUID eventId, UUID predictionId, String model, String version, String reason, String detail,
            String eventJson) {
    }

    /** Stores the entries not stored yet; returns how many were new, per entry in order (1 or 0). */
    int[] store(List<Entry> entries) {
        if (entries.isEmpty()) {
            return new int[0];
        }
        return jdbc.batchUpdate("""
                insert into set_aside_prediction (event_id, prediction_id, model, version, reason, detail, event)
                values (?, ?, ?, ?, ?, ?, ?::jsonb)
                on conflict (event_id) do nothing""",
                entries.stream().map(e -> new Object[] {e.eventId(), e.predictionId(), e.model(), e.version(),
                        e.reason(), e.detail(), e.eventJson()}).toList());
    }
}
