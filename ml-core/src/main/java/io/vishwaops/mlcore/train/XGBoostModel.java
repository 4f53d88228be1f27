package io.vishwaops.mlcore.train;

import java.io.IOException;
import java.io.Serial;
import java.util.List;
import java.util.Map;

import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * A fitted XGBoost model. It is kept as the booster's own byte form (UBJSON), not as a Java-serialized native
 * handle: that is what the bundle stores and what any XGBoost can read back. On first use its trees are read into a
 * Java evaluator ({@link XGBoostTrees}), which scores rows with the same answers as XGBoost4J without a native call;
 * a booster the evaluator does not cover (categorical splits, other boosters or objectives) is loaded into a native
 * booster instead, once.
 */
abstract sealed class XGBoostModel implements Model {
    @Serial
    private static final long serialVersionUID = 1L;

    private final Task task;
    private final Map<String, Object> parameters;
    private final int featureCount;
    private final byte[] boosterBytes;
    private transient volatile Booster booster;
    private transient volatile XGBoostTrees trees;
    private transient volatile boolean nativeOnly;

    XGBoostModel(Task task, Map<String, Object> parameters, int featureCount, byte[] boosterBytes) {
        this.task = task;
        this.parameters = parameters;
        this.featureCount = featureCount;
        this.boosterBytes = boosterBytes;
    }

    static XGBoostModel of(Task task, Map<String, Object> parameters, List<String> classNames, int featureCount,
                           byte[] boosterBytes) {
        return task == Task.REGRESSION ? new Regressor(parameters, featureCount, boosterBytes)
                : new Classifier(task, parameters, classNames, featureCount, boosterBytes);
    }

    /** The booster in XGBoost's own format, e.g. to hand to another XGBoost runtime. */
    byte[] boosterBytes() {
        return boosterBytes.clone();
    }

    static final class Regressor extends XGBoostModel {
        @Serial
        private static final long serialVersionUID = 1L;

        Regressor(Map<String, Object> parameters, int featureCount, byte[] boosterBytes) {
            super(Task.REGRESSION, parameters, featureCount, boosterBytes);
        }

        @Override
        public double predict(double[] row) {
            return predict(new double[][] {row})[0];
        }

        @Override
        public double[] predict(double[][] rows) {
            float[][] raw = raw(rows);
            double[] out = new double[rows.length];
            for (int i = 0; i < rows.length; i++) {
                out[i] = raw[i][0];
            }
            return out;
        }
    }

    static final class Classifier extends XGBoostModel implements ClassificationModel {
        @Serial
        private static final long serialVersionUID = 1L;

        private final List<String> classNames;

        Classifier(Task task, Map<String, Object> parameters, List<String> classNames, int featureCount,
                   byte[] boosterBytes) {
            super(task, parameters, featureCount, boosterBytes);
            this.classNames = List.copyOf(classNames);
        }

        @Override
        public List<String> classNames() {
            return classNames;
        }

        @Override
        public double[] predictProbabilities(double[] row) {
            return predictProbabilities(new double[][] {row})[0];
        }

        @Override
        public double[][] predictProbabilities(double[][] rows) {
            float[][] raw = raw(rows);
            double[][] out = new double[rows.length][];
            for (int i = 0; i < rows.length; i++) {
                if (task() == Task.BINARY) {
                    double p = raw[i][0];
                    out[i] = new double[] {1 - p, p};
                } else {
                    out[i] = new double[raw[i].length];
                    for (int k = 0; k < raw[i].length; k++) {
                        out[i][k] = raw[i][k];
                    }
                }
            }
            return out;
        }
    }

    final float[][] raw(double[][] rows) {
        for (double[] row : rows) {
            AbstractTrainer.checkRow(row, featureCount);
        }
        XGBoostTrees evaluator = trees();
        if (evaluator != null) {
            return evaluator.predict(rows);
        }
        return nativeRaw(rows);
    }

    /** What XGBoost4J itself answers: the fallback, and what the Java evaluator is tested against. */
    final float[][] nativeRaw(double[][] rows) {
        DMatrix matrix = null;
        try {
            matrix = matrix(rows);
            return booster().predict(matrix);
        } catch (XGBoostError e) {
            throw new IllegalStateException("xgboost failed to predict: " + e.getMessage(), e);
        } finally {
            if (matrix != null) {
                matrix.dispose();
            }
        }
    }

    /** The Java evaluator, or {@code null} when this booster needs the native one. */
    private XGBoostTrees trees() {
        XGBoostTrees t = trees;
        if (t == null && !nativeOnly) {
            synchronized (this) {
                t = trees;
                if (t == null && !nativeOnly) {
                    try {
                        t = XGBoostTrees.read(boosterBytes);
                        trees = t;
                    } catch (XGBoostTrees.Unsupported | IllegalArgumentException e) {
                        nativeOnly = true;
                    }
                }
            }
        }
        return t;
    }

    /** Whether rows are scored in Java rather than by XGBoost4J. */
    final boolean evaluatedInJava() {
        return trees() != null;
    }

    private Booster booster() throws XGBoostError {
        Booster b = booster;
        if (b == null) {
            synchronized (this) {
                b = booster;
                if (b == null) {
                    try {
                        b = XGBoost.loadModel(boosterBytes);
                        // A loaded booster would predict on every core through OpenMP; callers predict in parallel
                        // (requests, trials), and on a busy machine each call then waits for all its threads to
                        // be scheduled: one row took milliseconds instead of a fraction of one.
                        b.setParam("nthread", 1);
                    } catch (IOException e) {
                        throw new IllegalStateException("cannot read the xgboost model", e);
                    }
                    booster = b;
                }
            }
        }
        return b;
    }

    static DMatrix matrix(double[][] rows) throws XGBoostError {
        int p = rows[0].length;
        float[] flat = new float[rows.length * p];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < p; j++) {
                flat[i * p + j] = (float) rows[i][j];
            }
        }
        return new DMatrix(flat, rows.length, p, Float.NaN);
    }

    @Override
    public Algorithm algorithm() {
        return Algorithm.XGBOOST;
    }

    @Override
    public final Task task() {
        return task;
    }

    @Override
    public int featureCount() {
        return featureCount;
    }

    @Override
    public Map<String, Object> parameters() {
        return parameters;
    }
}
