package io.vishwaops.monitoring.model;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.vishwaops.modelloading.LoadedModel;
import io.vishwaops.modelloading.ModelLoadingException;
import io.vishwaops.modelloading.RegistryModels;
import io.vishwaops.monitoring.MonitoringProperties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The bundles of the model versions predictions name, loaded from the registry once per (model, version) and kept:
 * versions are immutable. A version the registry does not know, or whose bundle cannot be loaded, is remembered as
 * such for {@code vops.monitoring.model-retry}, so a stream of its predictions does not become a stream of registry
 * calls; after that the registry is asked again (the version may have been registered since).
 */
@Component
public class ModelVersions {

    private static final Logger log = LoggerFactory.getLogger(ModelVersions.class);

    private final RegistryModels registry;
    private final MonitoringProperties properties;
    private final Clock clock;
    private final Map<Key, Lookup> cache = new ConcurrentHashMap<>();

    ModelVersions(RegistryModels registry, MonitoringProperties properties) {
        this.registry = registry;
        this.properties = properties;
        this.clock = Clock.systemUTC();
    }

    private record Key(String model, String version) {
    }

    /**
     * A version's bundle, or why it cannot be monitored.
     *
     * @param model the loaded bundle, or {@code null}
     * @param problem {@code unknown-version} or {@code unloadable} when {@code model} is null
     * @param detail what the registry or the loader said
     */
    public record Lookup(LoadedModel model, String problem, String detail, Instant at) {

        public boolean loaded() {
            return model != null;
        }
    }

    /** The version's bundle or the reason it has none; never throws. */
    public Lookup lookup(String model, String version) {
        Key key = new Key(model, version);
        Lookup known = cache.get(key);
        if (known != null && (known.loaded()
                || known.at().plus(properties.modelRetry()).isAfter(clock.instant()))) {
            return known;
        }
        Lookup fresh = load(model, version);
        cache.put(key, fresh);
        return fresh;
    }

    /** The version's bundle if it has been loaded already (evaluation never calls the registry). */
    public Optional<LoadedModel> loaded(String model, String version) {
        Lookup known = cache.get(new Key(model, version));
        return known != null && known.loaded() ? Optional.of(known.model()) : Optional.empty();
    }

    private Lookup load(String model, String version) {
        Instant now = clock.instant();
        try {
            var ref = registry.version(model, version);
            if (ref.isEmpty()) {
                return new Lookup(null, "unknown-version", model + " version " + version + " is not in the registry", now);
            }
            LoadedModel loaded = registry.load(ref.get());
            log.info("Monitoring {} version {} ({} reference rows)", model, version,
                    loaded.bundle().reference().sampleSize());
            return new Lookup(loaded, null, null, now);
        } catch (ModelLoadingException e) {
            log.warn("{} version {} cannot be monitored: {}", model, version, e.getMessage());
            return new Lookup(null, e.reason() == ModelLoadingException.Reason.NOT_FOUND ? "unknown-version" : "unloadable",
                    e.getMessage(), now);
        } catch (RuntimeException e) {
            log.warn("{} version {} cannot be monitored", model, version, e);
            return new Lookup(null, "unloadable", String.valueOf(e.getMessage()), now);
        }
    }
}
