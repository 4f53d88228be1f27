package io.vishwaops.monitoring.performance.messaging;

import java.util.List;

import io.vishwaops.contracts.Topics;
import io.vishwaops.contracts.predictions.FeedbackReceived;
import io.vishwaops.messaging.EventReader;
import io.vishwaops.monitoring.performance.Labels;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/** True labels, a poll at a time, joined to their predictions; what cannot be read is dead-lettered. */
@Component
class FeedbackListener {

    private final Labels labels;
    private final EventReader reader;
    private final KafkaTemplate<Object, Object> kafka;

    FeedbackListener(Labels labels, EventReader reader, KafkaTemplate<Object, Object> kafka) {
        this.labels = labels;
        this.reader = reader;
        this.kafka = kafka;
    }

    @KafkaListener(id = "monitoring-feedback", topics = Topics.FEEDBACK, containerFactory = "vopsBatchFactory")
    void on(List<ConsumerRecord<String, byte[]>> records) {
        labels.accept(reader.readAll(records, FeedbackReceived.class, kafka).stream().map(d -> d.event().data()).toList());
    }
}
