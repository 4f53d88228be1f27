package io.vishwaops.mlcore.train;

/** What a model predicts: one of two classes, one of several, or a number. */
public enum Task {
    BINARY, MULTICLASS, REGRESSION;

    public boolean isClassification() {
        return this != REGRESSION;
    }
}
