package io.vishwaops.mlcore.train;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * Rows of numeric features with their target: class indexes into {@code classNames} for classification, numbers for
 * regression. Checked once here (rectangular, finite, labels in range) so every trainer can rely on it. The arrays are
 * not copied: callers hand over rows they no longer change.
 */
public record TrainingSet(double[][] features, int[] labels, List<String> classNames, double[] targets) {

    public TrainingSet {
        Objects.requireNonNull(features, "features");
        if (features.length == 0) {
            throw new IllegalArgumentException("a training set needs at least one row");
        }
        int width = features[0] == null ? 0 : features[0].length;
        if (width == 0) {
            throw new IllegalArgumentException("a training set needs at least one feature column");
        }
        for (int i = 0; i < features.length; i++) {
            double[] row = features[i];
            if (row == null || row.length != width) {
                throw new IllegalArgumentException("row " + i + " has " + (row == null ? 0 : row.length)
                        + " features, row 0 has " + width);
            }
            for (int j = 0; j < width; j++) {
                if (!Double.isFinite(row[j])) {
                    throw new IllegalArgumentException("row " + i + ", feature " + j + " is " + row[j]
                            + ": impute missing values before training");
                }
            }
        }
        if ((labels == null) == (targets == null)) {
            throw new IllegalArgumentException("give either class labels or regression targets");
        }
        if (labels != null) {
            Objects.requireNonNull(classNames, "classNames");
            classNames = List.copyOf(classNames);
            if (classNames.size() < 2) {
                throw new IllegalArgumentException("classification needs at least two class names, had " + classNames);
            }
            if (new HashSet<>(classNames).size() != classNames.size()) {
                throw new IllegalArgumentException("class names must be distinct: " + classNames);
            }
            if (labels.length != features.length) {
                throw new IllegalArgumentException(labels.length + " labels for " + features.length + " rows");
            }
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] < 0 || labels[i] >= classNames.size()) {
                    throw new IllegalArgumentException("row " + i + " has label " + labels[i] + ", outside 0.."
                            + (classNames.size() - 1));
                }
            }
        } else {
            if (classNames != null && !classNames.isEmpty()) {
                throw new IllegalArgumentException("regression targets take no class names");
            }
            classNames = List.of();
            if (targets.length != features.length) {
                throw new IllegalArgumentException(targets.length + " targets for " + features.length + " rows");
            }
            for (int i = 0; i < targets.length; i++) {
                if (!Double.isFinite(targets[i])) {
                    throw new IllegalArgumentException("row " + i + " has target " + targets[i]);
                }
            }
        }
    }

    public static TrainingSet classification(double[][] features, int[] labels, List<String> classNames) {
        return new TrainingSet(features, labels, classNames, null);
    }

    public static TrainingSet regression(double[][] features, double[] targets) {
        return new TrainingSet(features, null, null, targets);
    }

    public int size() {
        return features.length;
    }

    public int featureCount() {
        return features[0].length;
    }

    public boolean isClassification() {
        return labels != null;
    }

    /** The task this data fits: regression, or binary / multiclass by the number of declared classes. */
    public Task task() {
        return !isClassification() ? Task.REGRESSION : classNames.size() == 2 ? Task.BINARY : Task.MULTICLASS;
    }

    /** The rows at these indexes, in this order: for splits and cross-validation folds. */
    public TrainingSet rows(int[] indexes) {
        double[][] x = new double[indexes.length][];
        for (int i = 0; i < indexes.length; i++) {
            x[i] = features[indexes[i]];
        }
        if (isClassification()) {
            int[] y = new int[indexes.length];
            for (int i = 0; i < indexes.length; i++) {
                y[i] = labels[indexes[i]];
            }
            return classification(x, y, classNames);
        }
        double[] y = new double[indexes.length];
        for (int i = 0; i < indexes.length; i++) {
            y[i] = targets[indexes[i]];
        }
        return regression(x, y);
    }
}
