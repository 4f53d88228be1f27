package io.vishwaops.mlcore.select;

/** Told of each finished trial, on the thread that called {@link ModelSelection#run}, in completion order. */
@FunctionalInterface
public interface SelectionListener {

    SelectionListener NONE = (trial, done, total) -> {
    };

    void trialDone(Trial trial, int done, int total);
}
