package io.vishwaops.mlcore.train;

import java.io.Serial;
import java.util.List;
import java.util.Map;

import smile.classification.Classifier;
import smile.data.Tuple;
import smile.data.type.StructType;

/**
 * A fitted Smile classifier, either over plain vectors (logistic regression, MLP) or over tuples (the tree models).
 * Smile numbers only the classes it saw in training; its posteriors are mapped back onto every declared class.
 */
final class SmileClassificationModel implements ClassificationModel {
    @Serial
    private static final long serialVersionUID = 1L;

    private final Algorithm algorithm;
    private final Task task;
    private final Map<String, Object> parameters;
    private final List<String> classNames;
    private final int featureCount;
    private final Classifier<double[]> vectorModel;
    private final Classifier<Tuple> tupleModel;
    private final StructType schema;
    private final Standardization scaling;
    private final int[] seenClasses;

    SmileClassificationModel(Algorithm algorithm, Task task, Map<String, Object> parameters, List<String> classNames,
                             int featureCount, Classifier<double[]> vectorModel, Classifier<Tuple> tupleModel,
                             Standardization scaling) {
        this.algorithm = algorithm;
        this.task = task;
        this.parameters = parameters;
        this.classNames = List.copyOf(classNames);
        this.featureCount = featureCount;
        this.vectorModel = vectorModel;
        this.tupleModel = tupleModel;
        this.schema = tupleModel == null ? null : SmileFrames.featureSchema(featureCount);
        this.scaling = scaling;
        this.seenClasses = (vectorModel != null ? vectorModel.classes() : tupleModel.classes()).clone();
    }

    @Override
    public double[] predictProbabilities(double[] row) {
        AbstractTrainer.checkRow(row, featureCount);
        double[] posteriori = new double[seenClasses.length];
        if (vectorModel != null) {
            vectorModel.predict(scaling == null ? row : scaling.apply(row), posteriori);
        } else {
            tupleModel.predict(SmileFrames.tuple(schema, row), posteriori);
        }
        double[] out = new double[classNames.size()];
        for (int j = 0; j < seenClasses.length; j++) {
            out[seenClasses[j]] = posteriori[j];
        }
        return out;
    }

    @Override
    public List<String> classNames() {
        return classNames;
    }

    @Override
    public Algorithm algorithm() {
        return algorithm;
    }

    @Override
    public Task task() {
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
