package io.vishwaops.serving.traffic;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import io.vishwaops.problems.InvalidInput;
import io.vishwaops.serving.ServingProperties;
import io.vishwaops.serving.ServingProperties.Traffic;
import io.vishwaops.serving.model.ModelCatalog;
import io.vishwaops.serving.model.ServedModel;

import org.springframework.stereotype.Component;

/**
 * Who answers a request for a model: its default alias, or the canary alias for the configured share of requests.
 * A request with a key (the {@code X-Request-Key} header, or the entity id) always lands on the same side, so one
 * user sees one model; without a key the side is drawn at random. Rules come from {@code vops.serving.traffic.*}
 * and can be changed at runtime.
 */
@Component
public class TrafficRules {

    private final ModelCatalog catalog;
    private final Map<String, Traffic> rules = new ConcurrentHashMap<>();

    TrafficRules(ModelCatalog catalog, ServingProperties properties) {
        this.catalog = catalog;
        rules.putAll(properties.traffic());
    }

    /** Who answers, and under which role. */
    public record Route(ServedModel model, String role) {
    }

    public Route route(ServedModel primary, String requestKey) {
        Traffic traffic = rules.get(primary.model());
        if (traffic == null || blank(traffic.canaryAlias()) || traffic.canaryShare() <= 0) {
            return new Route(primary, "primary");
        }
        double draw = requestKey == null ? ThreadLocalRandom.current().nextDouble() : bucket(requestKey);
        if (draw >= traffic.canaryShare()) {
            return new Route(primary, "primary");
        }
        return catalog.serving(primary.model(), traffic.canaryAlias())
                .filter(canary -> !canary.version().equals(primary.version()))
                .map(canary -> new Route(canary, "canary"))
                .orElse(new Route(primary, "primary"));
    }

    /** The version that scores a mirrored copy of {@code model}'s requests, when one is configured and loaded. */
    public Optional<ServedModel> shadow(String model) {
        Traffic traffic = rules.get(model);
        if (traffic == null || blank(traffic.shadow())) {
            return Optional.empty();
        }
        return catalog.serving(model, traffic.shadow());
    }

    public Optional<Traffic> of(String model) {
        return Optional.ofNullable(rules.get(model));
    }

    /** Replaces the rules of {@code model} and starts following the aliases they name. */
    public Traffic set(String model, Traffic traffic) {
        if (traffic.canaryShare() < 0 || traffic.canaryShare() > 1 || Double.isNaN(traffic.canaryShare())) {
            throw new InvalidInput("canaryShare", "must be between 0 and 1, was " + traffic.canaryShare());
        }
        if (traffic.canaryShare() > 0 && blank(traffic.canaryAlias())) {
            throw new InvalidInput("canaryAlias", "is required when canaryShare is above 0");
        }
        Traffic clean = new Traffic(blank(traffic.shadow()) ? null : traffic.shadow().trim(),
                blank(traffic.canaryAlias()) ? null : traffic.canaryAlias().trim(), traffic.canaryShare());
        rules.put(model, clean);
        if (clean.shadow() != null) {
            catalog.track(model, clean.shadow());
        }
        if (clean.canaryAlias() != null) {
            catalog.track(model, clean.canaryAlias());
        }
        return clean;
    }

    /** Where a key falls in [0, 1): the same for every instance and every restart. */
    static double bucket(String key) {
        int h = key.hashCode();
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return (h & 0x7fffffff) % 10_000 / 10_000.0;
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
