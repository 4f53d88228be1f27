package io.vishwaops.training.job;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

public enum JobStatus {
    QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

    @JsonValue
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isFinal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }

    static JobStatus of(String word) {
        return valueOf(word.toUpperCase(Locale.ROOT));
    }
}
