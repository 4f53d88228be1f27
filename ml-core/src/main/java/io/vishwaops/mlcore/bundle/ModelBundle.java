package io.vishwaops.mlcore.bundle;

import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import io.vishwaops.mlcore.pipeline.FeaturePipeline;
import io.vishwaops.mlcore.train.ClassificationModel;
import io.vishwaops.mlcore.train.Model;

/**
 * The unit that is served: the fitted feature pipeline, the model, the input signature, the reference profile for
 * drift monitoring, the provenance, and the model's test metrics. Serving applies exactly the pipeline that training
 * fitted, so there is no training/serving skew. Written and read by {@link ModelBundles}.
 *
 * @param metrics metric name to value on the held-out test part ({@code accuracy}, {@code f1_macro}, {@code rmse} …)
 */
public record ModelBundle(InputSignature signature, FeaturePipeline pipeline, Model model, ReferenceProfile reference,
        Provenance provenance, Map<String, Double> metrics) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    public ModelBundle {
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(provenance, "provenance");
        metrics = metrics == null ? Map.of() : new TreeMap<>(metrics);
        if (pipeline.width() != model.featureCount()) {
            throw new IllegalArgumentException("the pipeline gives " + pipeline.width() + " features, the model takes "
                    + model.featureCount());
        }
        if (model instanceof ClassificationModel c && !c.classNames().equals(signature.classNames())) {
            throw new IllegalArgumentException("the signature's classes " + signature.classNames()
                    + " are not the model's " + c.classNames());
        }
    }

    public boolean isClassifier() {
        return model instanceof ClassificationModel;
    }

    /**
     * The model's answer for one raw row. The row is transformed by the fitted pipeline first; a value it cannot
     * read is a {@link io.vishwaops.mlcore.pipeline.TransformException} naming the column.
     */
    public Prediction predict(Map<String, ?> row) {
        return answer(pipeline.transform(row));
    }

    /** The answers for many rows at once (cheaper per row for tree ensembles). */
    public List<Prediction> predict(List<? extends Map<String, ?>> rows) {
        double[][] x = pipeline.transform(rows);
        List<Prediction> out = new ArrayList<>(x.length);
        if (model instanceof ClassificationModel c) {
            double[][] p = c.predictProbabilities(x);
            for (double[] probabilities : p) {
                out.add(classAnswer(c, probabilities));
            }
        } else {
            for (double v : model.predict(x)) {
                out.add(new Prediction(v, Map.of()));
            }
        }
        return out;
    }

    private Prediction answer(double[] features) {
        if (model instanceof ClassificationModel c) {
            return classAnswer(c, c.predictProbabilities(features));
        }
        return new Prediction(model.predict(features), Map.of());
    }

    private static Prediction classAnswer(ClassificationModel c, double[] probabilities) {
        Map<String, Double> byClass = new LinkedHashMap<>();
        int best = 0;
        for (int k = 0; k < probabilities.length; k++) {
            byClass.put(c.classNames().get(k), probabilities[k]);
            if (probabilities[k] > probabilities[best]) {
                best = k;
            }
        }
        return new Prediction(c.classNames().get(best), byClass);
    }
}
