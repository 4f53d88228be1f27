package io.vishwaops.feature.online;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The online store's settings.
 *
 * @param maxBatch the most entity ids one batch lookup may ask for
 * @param catalogRefresh how long a dataset's schema, derived features and time to live are kept in memory before
 *        they are read again (changes made through this instance apply at once; this bounds how long another
 *        replica's take)
 * @param defaultTtl the time to live of datasets that set none, or {@code null}: vectors never expire
 */
@ConfigurationProperties("vops.features.online")
public record OnlineProperties(@DefaultValue("1000") int maxBatch, @DefaultValue("5s") Duration catalogRefresh,
        Duration defaultTtl) {
}
