package io.vishwaops.serving;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the serving service.
 *
 * @param registryUrl where registry-service answers: aliases, versions, bundles
 * @param featureUrl where feature-service answers: online feature vectors and snapshot rows
 * @param models models served from the start; any other model is loaded by {@code alias} on its first request
 * @param alias the alias a model is served by when no version is named ({@code champion})
 * @param defaultModel the model {@code POST /invocations} scores when the request names none
 * @param refreshInterval how often every served alias is looked up again in the registry, catching a move whose
 *        event was missed or a registry that was down when the service started
 * @param versionCacheSize versions named explicitly ({@code /v2/models/{m}/versions/{v}}) kept loaded
 * @param shadowConcurrency shadow predictions running at once; more are skipped (and counted), never queued
 * @param traffic per model: the alias that gets a mirrored copy, the canary alias and its share
 * @param log the prediction log's buffer
 * @param batch batch prediction jobs
 */
@ConfigurationProperties("vops.serving")
public record ServingProperties(
        @DefaultValue("http://localhost:8085") URI registryUrl,
        @DefaultValue("http://localhost:8083") URI featureUrl,
        @DefaultValue List<String> models,
        @DefaultValue("champion") String alias,
        String defaultModel,
        @DefaultValue("30s") Duration refreshInterval,
        @DefaultValue("16") int versionCacheSize,
        @DefaultValue("64") int shadowConcurrency,
        @DefaultValue Map<String, Traffic> traffic,
        @DefaultValue Log log,
        @DefaultValue Batch batch) {

    /**
     * How a model's traffic is split.
     *
     * @param shadow the alias (e.g. {@code challenger}) that scores a mirrored copy of every request, or none
     * @param canaryAlias the alias that answers {@code canaryShare} of the requests, or none
     * @param canaryShare the share, 0 to 1, sticky per request key
     */
    public record Traffic(String shadow, String canaryAlias, @DefaultValue("0") double canaryShare) {
    }

    /**
     * @param bufferCapacity predictions waiting to be sent to Kafka; when full, new ones are dropped and counted
     * @param batchSize predictions the sender takes from the buffer at a time
     */
    public record Log(@DefaultValue("20000") int bufferCapacity, @DefaultValue("1000") int batchSize) {
    }

    /**
     * @param resultsDir where job inputs (uploaded CSV) and results are written
     * @param chunkSize rows scored in one call of the model
     * @param concurrentJobs jobs running at once; more wait in the queue
     * @param logPredictions whether jobs log each prediction to {@code vops.predictions}, as live requests do
     */
    public record Batch(@DefaultValue("${java.io.tmpdir}/vops-serving/batch") Path resultsDir,
            @DefaultValue("4096") int chunkSize, @DefaultValue("1") int concurrentJobs,
            @DefaultValue("true") boolean logPredictions) {
    }
}
