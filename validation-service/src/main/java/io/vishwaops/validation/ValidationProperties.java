package io.vishwaops.validation;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param ingestionUrl where ingestion-service answers, to fetch a dataset schema version that has not arrived as
 *        an event yet
 * @param consumers consumers of {@code vops.records.ingested} in this instance, each judging its partitions'
 *        polls in its own transactions; more than the topic has partitions stay idle. One by default: with three, a
 *        record ingested while the consumers were still joining their group was once counted valid twice in the
 *        batch ledger (not reproduced since; under investigation)
 */
@ConfigurationProperties("vops.validation")
public record ValidationProperties(@DefaultValue("http://localhost:8081") URI ingestionUrl,
        @DefaultValue("1") int consumers) {
}
