package io.vishwaops.mlcore.train;

import java.io.Serial;
import java.util.Map;

import smile.data.Tuple;
import smile.data.type.StructType;
import smile.regression.Regression;

/** A fitted Smile regression model, over plain vectors (MLP) or over tuples (the tree models). */
final class SmileRegressionModel implements Model {
    @Serial
    private static final long serialVersionUID = 1L;

    private final Algorithm algorithm;
    private final Map<String, Object> parameters;
    private final int featureCount;
    private final Regression<double[]> vectorModel;
    private final Regression<Tuple> tupleModel;
    private final StructType schema;
    private final Standardization scaling;

    SmileRegressionModel(Algorithm algorithm, Map<String, Object> parameters, int featureCount,
                         Regression<double[]> vectorModel, Regression<Tuple> tupleModel, Standardization scaling) {
        this.algorithm = algorithm;
        this.parameters = parameters;
        this.featureCount = featureCount;
        this.vectorModel = vectorModel;
        this.tupleModel = tupleModel;
        this.schema = tupleModel == null ? null : SmileFrames.featureSchema(featureCount);
        this.scaling = scaling;
    }

    @Override
    public double predict(double[] row) {
        AbstractTrainer.checkRow(row, featureCount);
        return vectorModel != null ? vectorModel.predict(scaling == null ? row : scaling.apply(row))
                : tupleModel.predict(SmileFrames.tuple(schema, row));
    }

    @Override
    public Algorithm algorithm() {
        return algorithm;
    }

    @Override
    public Task task() {
        return Task.REGRESSION;
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
