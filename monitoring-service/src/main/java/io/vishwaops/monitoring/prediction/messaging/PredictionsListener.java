package io.vishwaops.monitoring.prediction.messaging;

import java.util.List;

import io.vishwaops.contracts.Topics;
import io.vishwaops.contracts.predictions.PredictionMade;
import io.vishwaops.messaging.EventReader;
import io.vishwaops.monitoring.prediction.PredictionIntake;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/** The prediction log, a poll at a time; what cannot be read is dead-lettered and counted. */
@Component
class PredictionsListener {

    private final PredictionIntake intake;
    private final EventReader reader;
    private final KafkaTemplate<Object, Object> kafka;

    PredictionsListener(PredictionIntake intake, EventReader reader, KafkaTemplate<Object, Object> kafka) {
        this.intake = intake;
        this.reader = reader;
        this.kafka = kafka;
    }

    @KafkaListener(id = "monitoring-predictions", topics = Topics.PREDICTIONS, containerFactory = "vopsBatchFactory")
    void on(List<ConsumerRecord<String, byte[]>> records) {
        var events = reader.readAll(records, PredictionMade.class, kafka);
        intake.countUnreadable(records.size() - events.size());
        intake.accept(events.stream().map(EventReader.Delivery::event).toList());
    }
}
