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
    // a column's kind is computed from its type name on every call: looked up once here, per prediction it shows
    private final InputColumn.Kind[] kinds;
    private final String[] names;
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
        this.kinds = monitored.stream().map(InputColumn::kind).toArray(InputColumn.Kind[]::new);
        this.names = monitored.stream().map(InputColumn::name).toArray(String[]::new);
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
        Object[] row = new Object[names.length + 1];
        int unreadable = 0;
        for (int c = 0; c < names.length; c++) {
            String name = names[c];
            Object value = raw == null ? null : raw.get(name);
            try {
                row[c] = switch (kinds[c]) {
                    case NUMERIC -> Values.number(name, value);
                    case BOOLEAN -> {
                        Boolean b = Values.bool(name, value);
                        yield b == null ? null : b.toString();
                    }
                    default -> Values.category(name, value);
                };
            } catch (TransformException e) {
                unreadable++;
            }
        }
        row[names.length] = predictionValue(prediction);
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
