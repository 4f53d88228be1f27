package io.vishwaops.monitoring.prediction;

import java.sql.Timestamp;
import java.time.Instant;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Drops stored predictions, and set-aside events, older than anything live performance still reads. */
@Component
public class PredictionRetention {

    private final JdbcTemplate jdbc;

    PredictionRetention(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @return how many predictions were dropped */
    public int dropBefore(Instant cutoff) {
        int dropped = jdbc.update("delete from prediction where predicted_at < ?", Timestamp.from(cutoff));
        jdbc.update("delete from set_aside_prediction where set_aside_at < ?", Timestamp.from(cutoff));
        return dropped;
    }
}
