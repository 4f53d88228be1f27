package io.vishwaops.monitoring;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How monitoring watches every served model version. The drift, performance and retraining settings are the
 * defaults of every model's policy; {@code PUT /api/v1/monitoring/models/{m}/policy} overrides them per model.
 *
 * @param registryUrl where registry-service answers: bundles, reference profiles and test metrics come from it
 * @param window the drift window of each model version
 * @param evaluationInterval how often drift and live performance are computed, gauges updated and alerts raised
 * @param modelRetry how long a version the registry does not know, or whose bundle cannot be loaded, is remembered
 *        as such before the registry is asked again
 * @param drift drift defaults
 * @param performance live-performance defaults
 * @param retraining retraining defaults
 * @param consumers consumers of {@code vops.predictions} in this instance: a model's predictions share a partition,
 *        so more consumers help when several models are watched
 */
@ConfigurationProperties("vops.monitoring")
public record MonitoringProperties(
        @DefaultValue("http://localhost:8085") URI registryUrl,
        @DefaultValue Window window,
        @DefaultValue("30s") Duration evaluationInterval,
        @DefaultValue("1m") Duration modelRetry,
        @DefaultValue Drift drift,
        @DefaultValue Performance performance,
        @DefaultValue Retraining retraining,
        @DefaultValue("2") int consumers) {

    /**
     * @param size the last so many predictions of a version are compared with its reference
     * @param maxAge of those, only the ones predicted within this long
     */
    public record Window(@DefaultValue("5000") int size, @DefaultValue("1h") Duration maxAge) {
    }

    /**
     * @param share the dataset drifted when at least this share of its columns (inputs and the prediction) drifted
     * @param features per-feature method ({@code ks}, {@code chisquare}, {@code z}, {@code wasserstein},
     *        {@code jensenshannon}, {@code psi}) and threshold, for every model; unset means Evidently's defaults
     */
    public record Drift(@DefaultValue("0.5") double share, Map<String, FeatureOverride> features) {

        public Drift {
            features = features == null ? Map.of() : Map.copyOf(features);
        }
    }

    /** A feature's method and threshold; either may be left out. */
    public record FeatureOverride(String method, Double threshold) {
    }

    /**
     * @param windowSize live metrics over the last so many labelled predictions
     * @param maxAge of those, only the ones predicted within this long (labels may arrive hours later)
     * @param maxDecay relative decay of a live metric against the version's test metric that counts as degraded
     *        (0.1: accuracy 0.9 → below 0.81, RMSE 2.0 → above 2.2)
     * @param minLabelled no verdict on fewer labelled predictions than this
     */
    public record Performance(@DefaultValue("5000") int windowSize, @DefaultValue("7d") Duration maxAge,
            @DefaultValue("0.1") double maxDecay, @DefaultValue("100") int minLabelled) {
    }

    /**
     * @param onDrift request retraining when the dataset drifted
     * @param onDecay request retraining when a live metric decayed
     * @param minSamples no request on a window of fewer predictions than this
     * @param coolDown no request within this long of the model's last one
     * @param maxPerDay at most this many requests per model in 24 hours
     */
    public record Retraining(@DefaultValue("true") boolean onDrift, @DefaultValue("true") boolean onDecay,
            @DefaultValue("500") int minSamples, @DefaultValue("6h") Duration coolDown,
            @DefaultValue("3") int maxPerDay) {
    }
}
