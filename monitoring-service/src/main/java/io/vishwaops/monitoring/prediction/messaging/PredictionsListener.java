package io.vishwaops.monitoring.prediction.messaging;

import java.util.List;
import java.util.stream.IntStream;

import io.vishwaops.contracts.EventEnvelope;
import io.vishwaops.contracts.Topics;
import io.vishwaops.contracts.predictions.PredictionMade;
import io.vishwaops.messaging.EventReader;
import io.vishwaops.monitoring.prediction.PredictionIntake;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * The prediction log, a poll at a time; what cannot be read is dead-lettered and counted. A poll's events are parsed
 * in slices on the common pool: parsing is half the work of a poll, and the order of a window does not matter.
 */
@Component
class PredictionsListener {

    private static final int SLICE = 500;

    private final PredictionIntake intake;
    private final EventReader reader;
    private final KafkaTemplate<Object, Object> kafka;

    PredictionsListener(PredictionIntake intake, EventReader reader, KafkaTemplate<Object, Object> kafka) {
        this.intake = intake;
        this.reader = reader;
        this.kafka = kafka;
    }

    @KafkaListener(id = "monitoring-predictions", topics = Topics.PREDICTIONS, containerFactory = "vopsBatchFactory",
            concurrency = "${vops.monitoring.consumers:2}")
    void on(List<ConsumerRecord<String, byte[]>> records) {
        List<EventEnvelope<PredictionMade>> events = IntStream.range(0, (records.size() + SLICE - 1) / SLICE).parallel()
                .mapToObj(i -> reader.readAll(records.subList(i * SLICE, Math.min(records.size(), (i + 1) * SLICE)),
                        PredictionMade.class, kafka))
                .flatMap(List::stream).map(EventReader.Delivery::event).toList();
        intake.countUnreadable(records.size() - events.size());
        intake.accept(events);
    }
}
