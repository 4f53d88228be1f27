package io.vishwaops.monitoring.prediction.messaging;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import io.vishwaops.contracts.EventEnvelope;
import io.vishwaops.contracts.EventType;
import io.vishwaops.contracts.Topics;
import io.vishwaops.contracts.predictions.PredictionMade;
import io.vishwaops.contracts.predictions.PredictionsMade;
import io.vishwaops.messaging.DeadLetters;
import io.vishwaops.messaging.EventReader;
import io.vishwaops.messaging.PoisonEvent;
import io.vishwaops.monitoring.prediction.PredictionIntake;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * The prediction log, a poll at a time: chunks of predictions ({@code predictions.made}, what serving writes) and
 * single predictions ({@code prediction.made}, what it wrote before, and still a valid event) alike. What cannot be
 * read, or is another type, is dead-lettered and counted. A poll's events are parsed in slices on the common pool:
 * parsing is half the work of a poll, and the order of a window does not matter.
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
        List<Slice> slices = IntStream.range(0, (records.size() + SLICE - 1) / SLICE).parallel()
                .mapToObj(i -> read(records.subList(i * SLICE, Math.min(records.size(), (i + 1) * SLICE))))
                .toList();
        List<EventEnvelope<PredictionMade>> events = new ArrayList<>();
        int unreadable = 0;
        for (Slice slice : slices) {
            events.addAll(slice.predictions());
            unreadable += slice.unreadable();
        }
        intake.countUnreadable(unreadable);
        intake.accept(events);
    }

    private record Slice(List<EventEnvelope<PredictionMade>> predictions, int unreadable) {
    }

    @SuppressWarnings("unchecked")
    private Slice read(List<ConsumerRecord<String, byte[]>> records) {
        List<EventEnvelope<PredictionMade>> predictions = new ArrayList<>(records.size());
        int unreadable = 0;
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                EventEnvelope<?> event = reader.read(record.topic(), record.value());
                switch (event.data()) {
                    case PredictionMade ignored -> predictions.add((EventEnvelope<PredictionMade>) event);
                    case PredictionsMade chunk -> predictions.addAll(each((EventEnvelope<PredictionsMade>) event, chunk));
                    default -> {
                        DeadLetters.send(kafka, record, "unexpected event type " + event.type() + " on " + record.topic());
                        unreadable++;
                    }
                }
            } catch (PoisonEvent e) {
                DeadLetters.send(kafka, record, e.getMessage());
                unreadable++;
            }
        }
        return new Slice(predictions, unreadable);
    }

    /**
     * A chunk's predictions as the events a single prediction would have come in, each with an id of its own derived
     * from the chunk's and its place in it (the same on every delivery), so what is set aside is kept per prediction.
     */
    private static List<EventEnvelope<PredictionMade>> each(EventEnvelope<PredictionsMade> event, PredictionsMade chunk) {
        if (chunk.predictions() == null) {
            return List.of();
        }
        List<EventEnvelope<PredictionMade>> each = new ArrayList<>(chunk.predictions().size());
        for (int i = 0; i < chunk.predictions().size(); i++) {
            PredictionMade made = chunk.predictions().get(i).made();
            if (made == null) {
                continue;
            }
            UUID id = UUID.nameUUIDFromBytes((event.eventId() + "/" + i).getBytes(StandardCharsets.UTF_8));
            each.add(new EventEnvelope<>(id, EventType.PREDICTION_MADE.token(), event.occurredAt(),
                    EventType.PREDICTION_MADE.schemaVersion(), event.source(), event.subject(), made));
        }
        return each;
    }
}
