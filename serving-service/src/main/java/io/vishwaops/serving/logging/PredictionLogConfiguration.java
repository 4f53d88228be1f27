package io.vishwaops.serving.logging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vishwaops.messaging.Events;
import io.vishwaops.serving.ServingProperties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The prediction log's sink: what the log drains at once goes as {@code predictions.made} chunks, one per model,
 * enveloped like every platform event and keyed by model name, each prediction with the id of the request that made
 * it, sent by the service's idempotent producer. A message per prediction had cost the producer and the broker more
 * than writing the predictions. Straight to Kafka, not
 * through the outbox: a prediction is not a change of serving's database, and writing one row per prediction would
 * cost more than the prediction.
 */
@Configuration(proxyBeanMethods = false)
class PredictionLogConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PredictionLogConfiguration.class);

    @Bean(destroyMethod = "close")
    PredictionLog predictionLog(KafkaTemplate<Object, Object> kafka, Events events, ServingProperties properties,
            MeterRegistry meters, PredictionEnvelopes envelopes) {
        Counter failed = Counter.builder("vops.serving.predictions.send.failures")
                .description("Logged predictions Kafka did not acknowledge").register(meters);
        return new PredictionLog(batch -> {
            for (PredictionEnvelopes.Message message : envelopes.messages(events, batch)) {
                kafka.send(message.record()).whenComplete((result, error) -> {
                    if (error != null) {
                        failed.increment(message.predictions());
                        log.debug("{} predictions were not acknowledged: {}", message.predictions(), error.getMessage());
                    }
                });
            }
        }, properties.log().bufferCapacity(), properties.log().batchSize(), meters);
    }
}
