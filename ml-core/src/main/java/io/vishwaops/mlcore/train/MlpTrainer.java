package io.vishwaops.mlcore.train;

import java.io.Serial;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

import smile.classification.MLP;
import smile.math.MathEx;
import smile.regression.Regression;

/**
 * Smile's multilayer perceptron. Features are standardized inside the model, and for regression so is the target,
 * because stochastic gradient steps at one learning rate only work on inputs of comparable scale. Smile's MLP does
 * its matrix work in the system OpenBLAS (package libopenblas-dev), loaded at the first fit.
 */
final class MlpTrainer extends AbstractTrainer {

    private final List<Integer> hiddenLayers;
    private final String activation;
    private final int epochs;
    private final int batchSize;
    private final double learningRate;
    private final double weightDecay;

    MlpTrainer(Task task, HyperParameters params) {
        super(Algorithm.MLP, task);
        hiddenLayers = params.integers("hidden_layers", List.of(64), 1, 10_000);
        activation = params.choice("activation", "relu", "relu", "tanh", "sigmoid");
        epochs = params.integer("epochs", 50, 1, 100_000);
        batchSize = params.integer("batch_size", 32, 1, 1_000_000);
        learningRate = params.real("learning_rate", 0.01, 0, true, 10);
        weightDecay = params.real("weight_decay", 0.0, 0, false, 1);
        parameters(params);
    }

    /** Whether Smile's MLP can run here: a tiny fit, reporting instead of throwing when OpenBLAS is missing. */
    static boolean nativeLibraryAvailable() {
        try {
            Trainers.create(Algorithm.MLP, Task.BINARY, Map.of("epochs", 1, "hidden_layers", List.of(2)))
                    .fit(TrainingSet.classification(new double[][] {{0}, {1}}, new int[] {0, 1}, List.of("a", "b")), 1);
            return true;
        } catch (NativeLibraryUnavailableException e) {
            return false;
        }
    }

    @Override
    Model doFit(TrainingSet data, long seed) {
        Standardization scaling = Standardization.fit(data.features());
        double[][] x = scaling.apply(data.features());
        Properties props = new Properties();
        props.setProperty("smile.mlp.layers", hiddenLayers.stream()
                .map(n -> layerName() + "(" + n + ")").collect(Collectors.joining("|")));
        props.setProperty("smile.mlp.epochs", Integer.toString(epochs));
        props.setProperty("smile.mlp.mini_batch", Integer.toString(batchSize));
        props.setProperty("smile.mlp.learning_rate", Double.toString(learningRate));
        props.setProperty("smile.mlp.weight_decay", Double.toString(weightDecay));
        try {
            // weights are initialised and batches shuffled from this thread's generator
            MathEx.setSeed(seed);
            if (data.isClassification()) {
                SmileTrainer.requireTwoClassesPresent(data);
                MLP model = MLP.fit(x, data.labels(), props);
                return new SmileClassificationModel(algorithm(), task(), parameters(), data.classNames(),
                        data.featureCount(), model, null, scaling);
            }
            double[] y = data.targets();
            double mean = 0;
            for (double v : y) {
                mean += v;
            }
            mean /= y.length;
            double variance = 0;
            for (double v : y) {
                variance += (v - mean) * (v - mean);
            }
            double sd = Math.sqrt(variance / y.length);
            double scale = sd > 1e-12 ? sd : 1.0;
            double[] z = new double[y.length];
            for (int i = 0; i < y.length; i++) {
                z[i] = (y[i] - mean) / scale;
            }
            smile.regression.MLP model = smile.regression.MLP.fit(x, z, props);
            return new SmileRegressionModel(algorithm(), parameters(), data.featureCount(),
                    new Rescaled(model, mean, scale), null, scaling);
        } catch (UnsatisfiedLinkError | ExceptionInInitializerError | NoClassDefFoundError e) {
            throw new NativeLibraryUnavailableException("Smile's MLP needs the system OpenBLAS library "
                    + "(Debian/Ubuntu: apt-get install libopenblas-dev): " + e, e);
        }
    }

    private String layerName() {
        return switch (activation) {
            case "relu" -> "ReLU";
            case "tanh" -> "Tanh";
            default -> "Sigmoid";
        };
    }

    /** The network predicts the standardized target; this turns it back into the target's units. */
    record Rescaled(smile.regression.MLP network, double mean, double scale) implements Regression<double[]>, Serializable {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        public double predict(double[] x) {
            return network.predict(x) * scale + mean;
        }
    }
}
