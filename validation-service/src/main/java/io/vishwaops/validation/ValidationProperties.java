package io.vishwaops.validation;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param ingestionUrl where ingestion-service answers, to fetch a dataset schema version that has not arrived as
 *        an event yet
 * @param consumers consumers of {@code vops.records.ingested} in this instance, each judging its partitions'
 *        polls in its own transactions; more than the topic has partitions stay idle
 */
@ConfigurationProperties("vops.validation")
public record ValidationProperties(@DefaultValue("http://localhost:8081") URI ingestionUrl,
        @DefaultValue("3") int consumers) {
}
