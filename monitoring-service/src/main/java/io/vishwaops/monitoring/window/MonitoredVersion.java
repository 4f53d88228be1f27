package io.vishwaops.monitoring.window;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.vishwaops.mlcore.bundle.ModelBundle;
import io.vishwaops.mlcore.pipeline.InputColumn;
import io.vishwaops.mlcore.pipeline.TransformException;
import io.vishwaops.mlcore.pipeline.Values;
import io.vishwaops.modelloading.LoadedModel;

/**
 * A model version being watched: its bundle (reference profile, test metrics, pipeline name) and its window. Inputs
 * are read as the version's pipeline reads them (numbers, booleans as {@code true}/{@code false}, categories as
 * text), so the window holds what the reference profile holds; timestamp columns are compared only through what is
 * derived from them, so they are not windowed. A value of the wrong type is kept as missing and counted.
 */
public final class MonitoredVersion {

    private final LoadedModel loaded;
    private final List<InputColumn> inputs;
    private final VersionWindow window;

    public MonitoredVersion(LoadedModel loaded, int capacity) {
        this.loaded = loaded;
        ModelBundle bundle = loaded.bundle();
        List<InputColumn> monitored = new ArrayList<>();
        List<Column> columns = new ArrayList<>();
        for (InputColumn input : bundle.pipeline().inputs()) {
            if (input.kind() != InputColumn.Kind.TIMESTAMP) {
                monitored.add(input);
                columns.add(new Column(input.name(), input.kind() == InputColumn.Kind.NUMERIC));
            }
        }
        columns.add(new Column(Column.PREDICTION, !bundle.isClassifier()));
        this.inputs = List.copyOf(monitored);
        this.window = new VersionWindow(loaded.ref().model(), loaded.ref().version(), columns, capacity);
    }

    public LoadedModel loaded() {
        return loaded;
    }

    public ModelBundle bundle() {
        return loaded.bundle();
    }

    public VersionWindow window() {
        return window;
    }

    /**
     * Appends a prediction to the window.
     *
     * @return how many input values could not be read as their column's type (kept as missing)
     */
    public int append(Map<String, Object> raw, Object prediction, long predictedAtMillis) {
        Object[] row = new Object[inputs.size() + 1];
        int unreadable = 0;
        for (int c = 0; c < inputs.size(); c++) {
            InputColumn input = inputs.get(c);
            Object value = raw == null ? null : raw.get(input.name());
            try {
                row[c] = switch (input.kind()) {
                    case NUMERIC -> Values.number(input.name(), value);
                    case BOOLEAN -> {
                        Boolean b = Values.bool(input.name(), value);
                        yield b == null ? null : b.toString();
                    }
                    default -> Values.category(input.name(), value);
                };
            } catch (TransformException e) {
                unreadable++;
            }
        }
        row[inputs.size()] = predictionValue(prediction);
        window.append(row, predictedAtMillis);
        return unreadable;
    }

    private Object predictionValue(Object prediction) {
        if (prediction == null) {
            return null;
        }
        if (loaded.bundle().isClassifier()) {
            return String.valueOf(prediction);
        }
        return prediction instanceof Number n ? n.doubleValue() : null;
    }
}
