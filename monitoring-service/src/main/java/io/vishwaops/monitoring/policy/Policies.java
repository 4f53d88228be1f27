package io.vishwaops.monitoring.policy;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.vishwaops.mlcore.drift.DriftMethod;
import io.vishwaops.monitoring.MonitoringProperties;
import io.vishwaops.problems.InvalidInput;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import tools.jackson.databind.json.JsonMapper;

/** Each model's monitoring policy: what was PUT for it, over the configured defaults. */
@Service
public class Policies {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final MonitoringProperties properties;
    private final Clock clock = Clock.systemUTC();

    Policies(JdbcClient jdbc, JsonMapper json, MonitoringProperties properties) {
        this.jdbc = jdbc;
        this.json = json;
        this.properties = properties;
    }

    /**
     * What was PUT for the model (empty fields where nothing was). Read from the database each time, a query per
     * version per round, so a policy PUT on any instance applies on the one that watches the model.
     */
    public MonitoringPolicy stored(String model) {
        return jdbc.sql("select policy::text from model_policy where model = :m")
                .param("m", model).query(String.class).optional()
                .map(text -> json.readValue(text, MonitoringPolicy.class)).orElse(MonitoringPolicy.none());
    }

    /** Replaces the model's policy, after checking every field of it. */
    public EffectivePolicy put(String model, MonitoringPolicy policy) {
        EffectivePolicy effective = merge(policy);
        jdbc.sql("""
                insert into model_policy (model, policy, updated_at) values (:m, :p::jsonb, :at)
                on conflict (model) do update set policy = excluded.policy, updated_at = excluded.updated_at""")
                .param("m", model).param("p", json.writeValueAsString(policy))
                .param("at", java.sql.Timestamp.from(clock.instant())).update();
        return effective;
    }

    public EffectivePolicy effective(String model) {
        return merge(stored(model));
    }

    private EffectivePolicy merge(MonitoringPolicy policy) {
        List<InvalidInput.Error> errors = new ArrayList<>();
        Map<String, EffectivePolicy.FeatureRule> rules = new LinkedHashMap<>();
        properties.drift().features().forEach((feature, o) ->
                rules.put(feature, rule("vops.monitoring.drift.features." + feature, o.method(), o.threshold(), errors)));
        if (policy.features() != null) {
            policy.features().forEach((feature, f) -> {
                if (f == null) {
                    errors.add(new InvalidInput.Error("/features/" + feature, "needs a method, a threshold or both"));
                } else {
                    rules.put(feature, rule("/features/" + feature, f.method(), f.threshold(), errors));
                }
            });
        }
        double share = check(policy.driftShare(), properties.drift().share(), "/driftShare",
                v -> v > 0 && v <= 1, "must be above 0 and at most 1", errors);
        double maxDecay = check(policy.maxDecay(), properties.performance().maxDecay(), "/maxDecay",
                v -> v >= 0 && v < 1, "must be at least 0 and below 1", errors);
        int minLabelled = check(policy.minLabelled(), properties.performance().minLabelled(), "/minLabelled",
                v -> v >= 1, "must be at least 1", errors);
        var defaults = properties.retraining();
        var r = policy.retraining() != null ? policy.retraining()
                : new MonitoringPolicy.Retraining(null, null, null, null, null);
        int minSamples = check(r.minSamples(), defaults.minSamples(), "/retraining/minSamples", v -> v >= 0,
                "must be at least 0", errors);
        int maxPerDay = check(r.maxPerDay(), defaults.maxPerDay(), "/retraining/maxPerDay", v -> v >= 0,
                "must be at least 0 (0: never)", errors);
        Duration coolDown = defaults.coolDown();
        if (r.coolDown() != null) {
            try {
                coolDown = DurationStyle.detectAndParse(r.coolDown());
                if (coolDown.isNegative()) {
                    errors.add(new InvalidInput.Error("/retraining/coolDown", "must not be negative"));
                }
            } catch (IllegalArgumentException e) {
                errors.add(new InvalidInput.Error("/retraining/coolDown",
                        "'" + r.coolDown() + "' is not a duration such as 6h, 30m or PT6H"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        return new EffectivePolicy(Map.copyOf(rules), share, maxDecay, minLabelled,
                r.onDrift() != null ? r.onDrift() : defaults.onDrift(),
                r.onDecay() != null ? r.onDecay() : defaults.onDecay(), minSamples, coolDown, maxPerDay);
    }

    private static EffectivePolicy.FeatureRule rule(String pointer, String method, Double threshold,
            List<InvalidInput.Error> errors) {
        DriftMethod chosen = null;
        if (method != null) {
            try {
                chosen = DriftMethod.ofStattest(method);
            } catch (IllegalArgumentException e) {
                errors.add(new InvalidInput.Error(pointer + "/method", "'" + method
                        + "' is not a drift method; one of ks, chisquare, z, wasserstein, jensenshannon, psi"));
            }
        }
        if (threshold != null && !(threshold > 0) ) {
            errors.add(new InvalidInput.Error(pointer + "/threshold", "must be above 0"));
        }
        if (chosen != null && chosen.isPValue() && threshold != null && threshold >= 1) {
            errors.add(new InvalidInput.Error(pointer + "/threshold", method + " compares a p-value: below 1"));
        }
        return new EffectivePolicy.FeatureRule(chosen, threshold);
    }

    private static <T extends Number> T check(T value, T otherwise, String pointer,
            java.util.function.Predicate<T> valid, String message, List<InvalidInput.Error> errors) {
        if (value == null) {
            return otherwise;
        }
        if (!valid.test(value)) {
            errors.add(new InvalidInput.Error(pointer, message));
        }
        return value;
    }
}
