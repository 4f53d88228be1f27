package io.vishwaops.feature.dataset;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PlacementTests {

    private final Placement placement = new Placement("id", "at");

    @Test
    void anEntityIdSentAsANumberMeetsTheSameIdInAUrl() {
        assertThat(Placement.entityId(42)).isEqualTo("42");
        assertThat(Placement.entityId(42L)).isEqualTo("42");
        assertThat(Placement.entityId(42.0)).isEqualTo("42");
        assertThat(Placement.entityId(new BigDecimal("42.50"))).isEqualTo("42.5");
        assertThat(Placement.entityId(1e20)).isEqualTo("100000000000000000000");
        assertThat(Placement.entityId("S-042")).isEqualTo("S-042");
        assertThat(Placement.entityId(true)).isEqualTo("true");
    }

    @Test
    void aRecordWithoutAnIdOrATimeCannotBePlaced() {
        Map<String, Object> values = new HashMap<>();
        values.put("id", "");
        values.put("at", null);
        assertThat(placement.entityId(values)).isNull();
        assertThat(placement.eventTime(values)).isNull();
        assertThat(Placement.NONE.entityId(Map.of("id", 1))).isNull();
        assertThat(placement.eventTime(Map.of("at", "not a time"))).isNull();
    }

    @Test
    void eventTimesAreReadAsValidationWritesThem() {
        assertThat(placement.eventTime(Map.of("at", "2026-03-14T10:00:00Z"))).isEqualTo(Instant.parse("2026-03-14T10:00:00Z"));
        assertThat(placement.eventTime(Map.of("at", "2026-03-14T11:00:00+01:00")))
                .isEqualTo(Instant.parse("2026-03-14T10:00:00Z"));
        assertThat(placement.eventTime(Map.of("at", "2026-03-14T10:00:00"))).isEqualTo(Instant.parse("2026-03-14T10:00:00Z"));
        assertThat(placement.eventTime(Map.of("at", "2026-03-14"))).isEqualTo(Instant.parse("2026-03-14T00:00:00Z"));
    }
}
