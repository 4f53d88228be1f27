package io.vishwaops.serving.feedback;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.vishwaops.contracts.predictions.FeedbackReceived;
import io.vishwaops.messaging.Outbox;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Ground-truth labels for earlier predictions, onto {@code vops.feedback} through the outbox: a label can arrive
 * only once from a client that then forgets it, so it is kept in PostgreSQL until Kafka has it.
 */
@Service
public class FeedbackLog {

    private final Outbox outbox;
    private final Clock clock = Clock.systemUTC();

    FeedbackLog(Outbox outbox) {
        this.outbox = outbox;
    }

    /** A checked label: the prediction it belongs to, the model, and the true value. */
    public record Label(java.util.UUID predictionId, String model, Object actual) {
    }

    @Transactional
    public List<FeedbackReceived> record(List<Label> labels) {
        Instant now = clock.instant();
        return labels.stream().map(label -> {
            FeedbackReceived feedback = new FeedbackReceived(label.predictionId(), label.model(), label.actual(), now);
            outbox.append(label.model(), feedback);
            return feedback;
        }).toList();
    }
}
