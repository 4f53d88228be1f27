package io.vishwaops.serving.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.vishwaops.contracts.EventEnvelope;
import io.vishwaops.contracts.predictions.PredictionMade;
import io.vishwaops.contracts.predictions.PredictionsMade;
import io.vishwaops.messaging.Events;

import org.junit.jupiter.api.Test;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The prediction log writes its envelopes by hand: they must be the documents the mapper makes of the records. */
class PredictionEnvelopesTests {

    private final JsonMapper json = JsonMapper.builder().build();
    private final PredictionEnvelopes envelopes = new PredictionEnvelopes(json);

    @Test
    void theBytesAreTheMappersDocumentOfTheChunkForEveryKindOfValue() {
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("age", 17L);
        inputs.put("absences", 4.5);
        inputs.put("school", "GP \"quoted\" é");
        inputs.put("internet", true);
        inputs.put("guardian", null);
        inputs.put("count", 3);
        inputs.put("list", List.of(1L, "two", 3.25));
        inputs.put("nested", Map.of("a", 1L));
        inputs.put("exact", new BigDecimal("12.50"));
        List<PredictionsMade.Logged> logged = List.of(
                new PredictionsMade.Logged("req-1", new PredictionMade(UUID.randomUUID(), "student-pass", "4", inputs,
                        "pass", Map.of("pass", 0.87, "fail", 0.13), false, Instant.parse("2026-03-14T11:02:17.664Z"),
                        1.25)),
                new PredictionsMade.Logged(null, new PredictionMade(UUID.randomUUID(), "student-pass", "5",
                        Map.of("alcohol", 9.4), 5.6023, Map.of(), true, Instant.parse("2026-03-14T11:02:17.123456789Z"),
                        null)),
                new PredictionsMade.Logged("req-3", new PredictionMade(UUID.randomUUID(), "student-pass", "1",
                        Map.of(), null, null, false, Instant.parse("2026-03-14T11:02:17Z"), 0.0)));
        EventEnvelope<PredictionsMade> envelope = new EventEnvelope<>(UUID.randomUUID(), "predictions.made",
                Instant.parse("2026-03-14T11:02:18.5Z"), 1, "/vops/serving-service", "student-pass",
                new PredictionsMade("student-pass", logged));
        byte[] written = envelopes.bytes(envelope);
        assertThat(json.readTree(written)).isEqualTo(json.readTree(json.writeValueAsBytes(envelope)));
        EventEnvelope<PredictionsMade> read = json.readValue(written, new TypeReference<>() { });
        assertThat(read.data().predictions()).extracting(p -> p.made().predictionId(), PredictionsMade.Logged::requestId,
                p -> p.made().predictedAt()).containsExactlyElementsOf(logged.stream().map(p -> org.assertj.core.groups
                        .Tuple.tuple(p.made().predictionId(), p.requestId(), p.made().predictedAt())).toList());
    }

    @Test
    void predictionsGoOneChunkPerModelInTheirOrderAndALargeDrainIsSplit() {
        Events events = new Events("/vops/serving-service", java.time.Clock.systemUTC());
        List<PredictionsMade.Logged> drained = new ArrayList<>();
        for (int i = 0; i < 1_203; i++) {
            String model = i % 100 == 7 ? "wine" : "student-pass";
            drained.add(new PredictionsMade.Logged("req-" + i, new PredictionMade(UUID.randomUUID(), model, "1",
                    Map.of("age", (long) i), "pass", Map.of("pass", 0.5, "fail", 0.5), false, Instant.now(), 1.0)));
        }
        List<PredictionEnvelopes.Message> messages = envelopes.messages(events, drained);
        List<PredictionsMade.Logged> carried = new ArrayList<>();
        for (PredictionEnvelopes.Message message : messages) {
            EventEnvelope<PredictionsMade> chunk = json.readValue((byte[]) message.record().value(),
                    new TypeReference<>() { });
            assertThat(message.record().topic()).isEqualTo("vops.predictions");
            assertThat(message.record().key()).isEqualTo(chunk.data().model()).isEqualTo(chunk.subject());
            assertThat(chunk.type()).isEqualTo("predictions.made");
            assertThat(chunk.data().predictions()).hasSize(message.predictions())
                    .hasSizeLessThanOrEqualTo(PredictionEnvelopes.MAX_PREDICTIONS)
                    .allSatisfy(p -> assertThat(p.made().model()).isEqualTo(chunk.data().model()));
            assertThat(new String(message.record().headers().lastHeader("ce_type").value())).isEqualTo("predictions.made");
            assertThat(message.record().headers().lastHeader(Events.REQUEST_ID_HEADER)).isNull();
            carried.addAll(chunk.data().predictions());
        }
        // 1,191 of one model in three chunks, 12 of the other in one
        assertThat(messages).hasSize(4);
        assertThat(carried).extracting(p -> p.made().predictionId()).containsExactlyInAnyOrderElementsOf(
                drained.stream().map(p -> p.made().predictionId()).toList());
        assertThat(carried.stream().filter(p -> p.made().model().equals("student-pass")).map(PredictionsMade.Logged::requestId))
                .containsExactlyElementsOf(drained.stream().filter(p -> p.made().model().equals("student-pass"))
                        .map(PredictionsMade.Logged::requestId).toList());
    }
}
