package io.vishwaops.monitoring.window;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.vishwaops.modelloading.LoadedModel;
import io.vishwaops.monitoring.MonitoringProperties;

import org.springframework.stereotype.Component;

/**
 * The windows of every model version this instance has seen predictions of, in memory. A new version gets a fresh
 * window on its first prediction. Predictions are keyed by model name on Kafka, so all of a model's predictions reach
 * one instance, which holds its windows.
 */
@Component
public class Windows {

    private final int capacity;
    private final Map<String, MonitoredVersion> versions = new ConcurrentHashMap<>();

    Windows(MonitoringProperties properties) {
        this.capacity = properties.window().size();
    }

    public MonitoredVersion of(LoadedModel loaded) {
        return versions.computeIfAbsent(key(loaded.ref().model(), loaded.ref().version()),
                k -> new MonitoredVersion(loaded, capacity));
    }

    public Optional<MonitoredVersion> find(String model, String version) {
        return Optional.ofNullable(versions.get(key(model, version)));
    }

    /** The model's versions, the one with the latest prediction first. */
    public List<MonitoredVersion> ofModel(String model) {
        return versions.values().stream().filter(v -> v.window().model().equals(model))
                .sorted(Comparator.comparingLong((MonitoredVersion v) -> v.window().lastAppendMillis()).reversed())
                .toList();
    }

    public Collection<MonitoredVersion> all() {
        return versions.values();
    }

    private static String key(String model, String version) {
        return model + '\u0000' + version;
    }
}
