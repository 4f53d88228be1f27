package io.vishwaops.serving.logging;

import java.nio.charset.StandardCharsets;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vishwaops.messaging.Events;
import io.vishwaops.serving.ServingProperties;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The prediction log's sink: each prediction enveloped like every platform event, keyed by model name, with the
 * request id header of the request that made it, sent by the service's idempotent producer. Straight to Kafka, not
 * through the outbox: a prediction is not a change of serving's database, and writing one row per prediction would
 * cost more than the prediction.
 */
@Configuration(proxyBeanMethods = false)
class PredictionLogConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PredictionLogConfiguration.class);

    @Bean(destroyMethod = "close")
    PredictionLog predictionLog(KafkaTemplate<Object, Object> kafka, Events events, ServingProperties properties,
            MeterRegistry meters) {
        Counter failed = Counter.builder("vops.serving.predictions.send.failures")
                .description("Logged predictions Kafka did not acknowledge").register(meters);
        return new PredictionLog(batch -> {
            for (PredictionLog.Logged logged : batch) {
                ProducerRecord<Object, Object> record = events.record(
                        events.envelope(logged.prediction().model(), logged.prediction()));
                if (logged.requestId() != null && record.headers().lastHeader(Events.REQUEST_ID_HEADER) == null) {
                    record.headers().add(Events.REQUEST_ID_HEADER, logged.requestId().getBytes(StandardCharsets.UTF_8));
                }
                kafka.send(record).whenComplete((result, error) -> {
                    if (error != null) {
                        failed.increment();
                        log.debug("A prediction was not acknowledged: {}", error.getMessage());
                    }
                });
            }
        }, properties.log().bufferCapacity(), properties.log().batchSize(), meters);
    }
}
