package io.vishwaops.ingestion;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param validationUrl where validation-service answers, for the valid and quarantined counts of a batch
 * @param validationTimeout how long a batch status waits for those counts before reporting them unknown
 */
@ConfigurationProperties("vops.ingestion")
public record IngestionProperties(@DefaultValue("http://localhost:8082") URI validationUrl,
        @DefaultValue("2s") Duration validationTimeout) {
}
