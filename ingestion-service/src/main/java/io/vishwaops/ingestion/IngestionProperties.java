package io.vishwaops.ingestion;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param chunkSize records per Kafka transaction when a large upload is published; a failed upload keeps the
 *        chunks already committed
 * @param maxFieldSize the largest single value accepted; a larger one is refused, naming its row and column
 */
@ConfigurationProperties("vops.ingestion")
public record IngestionProperties(@DefaultValue("10000") int chunkSize, @DefaultValue("1MB") DataSize maxFieldSize) {
}
