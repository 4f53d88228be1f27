package io.vishwaops.training.trigger;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import org.springframework.scheduling.support.CronExpression;

import static org.assertj.core.api.Assertions.assertThat;

class ScheduleTriggerTests {

    private static final CronExpression NIGHTLY = CronExpression.parse("0 0 3 * * *");

    @Test
    void theSlotIsTheLatestFiringTimeWithinTheWindow() {
        assertThat(ScheduleTrigger.lastSlot(NIGHTLY, Instant.parse("2026-03-14T03:00:30Z"), Duration.ofMinutes(2)))
                .isEqualTo(Instant.parse("2026-03-14T03:00:00Z"));
        assertThat(ScheduleTrigger.lastSlot(NIGHTLY, Instant.parse("2026-03-14T03:00:00Z"), Duration.ofMinutes(2)))
                .as("a slot is due at its very instant").isEqualTo(Instant.parse("2026-03-14T03:00:00Z"));
    }

    @Test
    void aSlotMissedByMoreThanTheWindowIsNotMadeUpFor() {
        assertThat(ScheduleTrigger.lastSlot(NIGHTLY, Instant.parse("2026-03-14T03:05:00Z"), Duration.ofMinutes(2)))
                .isNull();
    }

    @Test
    void ofSeveralSlotsInTheWindowOnlyTheLatestRuns() {
        CronExpression everyMinute = CronExpression.parse("0 * * * * *");
        assertThat(ScheduleTrigger.lastSlot(everyMinute, Instant.parse("2026-03-14T10:05:20Z"), Duration.ofMinutes(5)))
                .isEqualTo(Instant.parse("2026-03-14T10:05:00Z"));
    }
}
