package io.vishwaops.mlcore.train;

import java.io.Serial;
import java.util.List;
import java.util.Map;

/** The model every candidate must beat: the training class shares (predicting the majority), or the training mean. */
final class BaselineTrainer extends AbstractTrainer {

    BaselineTrainer(Task task, HyperParameters params) {
        super(Algorithm.BASELINE, task);
        parameters(params);
    }

    @Override
    Model doFit(TrainingSet data, long seed) {
        if (data.isClassification()) {
            double[] shares = new double[data.classNames().size()];
            for (int label : data.labels()) {
                shares[label]++;
            }
            for (int k = 0; k < shares.length; k++) {
                shares[k] /= data.size();
            }
            return new Prior(task(), data.classNames(), data.featureCount(), shares);
        }
        double sum = 0;
        for (double y : data.targets()) {
            sum += y;
        }
        return new Mean(data.featureCount(), sum / data.size());
    }

    record Prior(Task task, List<String> classNames, int featureCount, double[] shares) implements ClassificationModel {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        public Algorithm algorithm() {
            return Algorithm.BASELINE;
        }

        @Override
        public Map<String, Object> parameters() {
            return Map.of();
        }

        @Override
        public double[] predictProbabilities(double[] row) {
            checkRow(row, featureCount);
            return shares.clone();
        }
    }

    record Mean(int featureCount, double mean) implements Model {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        public Algorithm algorithm() {
            return Algorithm.BASELINE;
        }

        @Override
        public Task task() {
            return Task.REGRESSION;
        }

        @Override
        public Map<String, Object> parameters() {
            return Map.of();
        }

        @Override
        public double predict(double[] row) {
            checkRow(row, featureCount);
            return mean;
        }
    }
}
