package io.vishwaops.messaging;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Reliable-messaging settings shared by every service.
 *
 * @param enabled whether the outbox, inbox and dead-letter handling are set up at all
 * @param retries attempts after the first failure before a record goes to its dead-letter topic
 * @param retryInterval wait between those attempts
 * @param relayInterval how often the outbox relay looks for unsent events when nothing wakes it
 * @param relayBatchSize events sent per relay round
 * @param sendTimeout how long the relay waits for Kafka to acknowledge a round
 * @param outboxRetention how long sent events stay in the outbox table, for inspection
 * @param batchSize records a batch listener takes per poll, and so per Kafka transaction
 * @param compression how producers compress what they send ({@code none}, {@code lz4}, {@code zstd}, ...)
 */
@ConfigurationProperties("vops.messaging")
public record MessagingProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("3") int retries,
        @DefaultValue("500ms") Duration retryInterval,
        @DefaultValue("1s") Duration relayInterval,
        @DefaultValue("500") int relayBatchSize,
        @DefaultValue("30s") Duration sendTimeout,
        @DefaultValue("1d") Duration outboxRetention,
        @DefaultValue("2000") int batchSize,
        @DefaultValue("lz4") String compression) {
}
