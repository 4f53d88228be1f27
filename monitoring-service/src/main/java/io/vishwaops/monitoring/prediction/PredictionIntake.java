package io.vishwaops.monitoring.prediction;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vishwaops.contracts.EventEnvelope;
import io.vishwaops.contracts.predictions.PredictionMade;
import io.vishwaops.monitoring.model.ModelVersions;
import io.vishwaops.monitoring.window.MonitoredVersion;
import io.vishwaops.monitoring.window.Windows;

import org.springframework.stereotype.Service;

import tools.jackson.databind.json.JsonMapper;

/**
 * Takes in a poll of predictions: stores what the feedback join needs (new prediction ids only), appends the new
 * ones of known versions to their windows, and sets aside what cannot be monitored. Shadow predictions are stored,
 * so their labels can be joined, but kept out of the drift windows: they describe a challenger, not the model
 * callers are answered by.
 */
@Service
public class PredictionIntake {

    private final PredictionStore store;
    private final SetAside setAside;
    private final ModelVersions models;
    private final Windows windows;
    private final JsonMapper json;
    private final MeterRegistry meters;
    private final Counter monitored;
    private final Counter duplicates;
    private final Counter shadows;
    private final Counter unreadable;

    PredictionIntake(PredictionStore store, SetAside setAside, ModelVersions models, Windows windows, JsonMapper json,
            MeterRegistry meters) {
        this.store = store;
        this.setAside = setAside;
        this.models = models;
        this.windows = windows;
        this.json = json;
        this.meters = meters;
        this.monitored = predictions(meters, "monitored");
        this.duplicates = predictions(meters, "duplicate");
        this.shadows = predictions(meters, "shadow");
        this.unreadable = Counter.builder("vops.monitoring.unreadable.values")
                .description("Input values of a type their column does not take, windowed as missing").register(meters);
    }

    private static Counter predictions(MeterRegistry meters, String outcome) {
        return Counter.builder("vops.monitoring.predictions").tag("outcome", outcome)
                .description("Prediction events taken in, by what became of them").register(meters);
    }

    /** Counts events that could not even be read (they went to the dead-letter topic). */
    public void countUnreadable(int events) {
        if (events > 0) {
            setAsideCounter("malformed").increment(events);
        }
    }

    /** Takes in one poll's prediction events. */
    public void accept(List<EventEnvelope<PredictionMade>> events) {
        List<PredictionStore.StoredPrediction> rows = new ArrayList<>(events.size());
        List<PredictionMade> accepted = new ArrayList<>(events.size());
        List<SetAside.Entry> aside = new ArrayList<>();
        Set<PredictionStore.Key> seen = new HashSet<>(events.size() * 2);
        int duplicatesInPoll = 0;
        for (EventEnvelope<PredictionMade> event : events) {
            PredictionMade p = event.data();
            if (p.predictionId() == null || p.model() == null || p.version() == null || p.predictedAt() == null) {
                aside.add(entry(event, "incomplete", "a prediction needs predictionId, model, version and predictedAt"));
                continue;
            }
            if (!seen.add(new PredictionStore.Key(p.predictionId(), p.shadow()))) {
                duplicatesInPoll++;
                continue;
            }
            ModelVersions.Lookup lookup = models.lookup(p.model(), p.version());
            if (!lookup.loaded()) {
                aside.add(entry(event, lookup.problem(), lookup.detail()));
                continue;
            }
            boolean classifier = lookup.model().bundle().isClassifier();
            Object prediction = p.prediction();
            rows.add(new PredictionStore.StoredPrediction(p.predictionId(), p.model(), p.version(),
                    prediction == null ? null : String.valueOf(prediction),
                    !classifier && prediction instanceof Number n ? n.doubleValue() : null,
                    p.probabilities() == null || p.probabilities().isEmpty() ? null : json.writeValueAsString(p.probabilities()),
                    p.shadow(), p.predictedAt().toEpochMilli()));
            accepted.add(p);
        }
        Set<PredictionStore.Key> fresh = store.storeNew(rows);
        int[] stored = setAside.store(aside);
        for (int i = 0; i < stored.length; i++) {
            if (stored[i] > 0) {
                setAsideCounter(aside.get(i).reason()).increment();
            }
        }
        duplicates.increment(duplicatesInPoll + accepted.size() - fresh.size());
        for (PredictionMade p : accepted) {
            if (!fresh.contains(new PredictionStore.Key(p.predictionId(), p.shadow()))) {
                continue;
            }
            if (p.shadow()) {
                shadows.increment();
                continue;
            }
            MonitoredVersion version = windows.of(models.lookup(p.model(), p.version()).model());
            int bad = version.append(p.inputs(), p.prediction(), p.predictedAt().toEpochMilli());
            if (bad > 0) {
                unreadable.increment(bad);
            }
            monitored.increment();
        }
    }

    private SetAside.Entry entry(EventEnvelope<PredictionMade> event, String reason, String detail) {
        PredictionMade p = event.data();
        return new SetAside.Entry(event.eventId(), p.predictionId(), p.model(), p.version(), reason, detail,
                json.writeValueAsString(Map.of("eventId", event.eventId(), "data", p)));
    }

    private Counter setAsideCounter(String reason) {
        return Counter.builder("vops.monitoring.set.aside").tag("reason", reason)
                .description("Prediction events that could not be monitored, by reason").register(meters);
    }
}
