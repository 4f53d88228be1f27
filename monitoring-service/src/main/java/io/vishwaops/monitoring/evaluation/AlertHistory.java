package io.vishwaops.monitoring.evaluation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What monitoring raised about a model: its alert episodes (the last one per version and kind) and retraining requests. */
@Component
public class AlertHistory {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    AlertHistory(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * One entry.
     *
     * @param kind {@code drift}, {@code performance} (an episode) or {@code retraining} (a request)
     * @param raisedAt when the episode began or the request was made
     * @param endedAt when the episode ended; null while it lasts, and for requests
     * @param eventId the alert event (episodes) or the request's id
     * @param details the values the episode's alert was raised with: the data of its {@code drift.detected} event
     *        (share drifted, per tested column its method, score, threshold and verdict, window size) or its
     *        {@code performance.degraded} event (the worst metric, live and at test, outcomes labelled); null for
     *        requests and for episodes from before the values were kept
     */
    public record Alert(String kind, String version, Instant raisedAt, Instant endedAt, boolean active, UUID eventId,
            String message, JsonNode details) {
    }

    public List<Alert> of(String model, int limit) {
        List<Alert> alerts = new ArrayList<>(jdbc.sql("""
                select kind, version, started_at, ended_at, active, event_id, details::text from alert_episode
                where model = :m""")
                .param("m", model)
                .query((rs, i) -> {
                    String kind = rs.getString(1);
                    boolean active = rs.getBoolean(5);
                    Instant ended = rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant();
                    return new Alert(kind, rs.getString(2), rs.getTimestamp(3).toInstant(), ended, active,
                            rs.getObject(6, UUID.class), (kind.equals(Alerts.DRIFT) ? "inputs drifted" : "live metrics degraded")
                                    + (active ? ", ongoing" : ", ended " + ended),
                            rs.getString(7) == null ? null : json.readTree(rs.getString(7)));
                }).list());
        alerts.addAll(jdbc.sql("""
                select version, requested_at, request_id, pipeline, trigger from retraining_request
                where model = :m order by requested_at desc limit :limit""")
                .param("m", model).param("limit", limit)
                .query((rs, i) -> new Alert("retraining", rs.getString(1), rs.getTimestamp(2).toInstant(), null, false,
                        rs.getObject(3, UUID.class), "asked to retrain pipeline " + rs.getString(4) + " (" + rs.getString(5)
                                + ")", null)).list());
        alerts.sort(Comparator.comparing(Alert::raisedAt).reversed());
        return alerts.size() > limit ? alerts.subList(0, limit) : alerts;
    }
}
