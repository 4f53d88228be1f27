package io.vishwaops.monitoring.window;

/**
 * A monitored column: an input of the model, or its prediction.
 *
 * @param name the input column's name, or {@link #PREDICTION}
 * @param numeric whether its values are numbers (else categories; booleans as {@code true}/{@code false})
 */
public record Column(String name, boolean numeric) {

    /** The name under which the prediction itself is monitored. */
    public static final String PREDICTION = "prediction";

    public boolean isPrediction() {
        return name.equals(PREDICTION);
    }
}
