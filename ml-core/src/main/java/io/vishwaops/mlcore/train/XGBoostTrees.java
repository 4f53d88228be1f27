package io.vishwaops.mlcore.train;

import java.util.List;
import java.util.Map;

/**
 * An XGBoost booster evaluated in Java. Its trees are read once from the booster's saved form (UBJSON) into flat
 * node arrays, and a row is scored the way XGBoost's CPU predictor scores it: the row's values as float32, a split
 * sends {@code x < threshold} left, a missing value (NaN) goes the node's default way, the leaves of each class's
 * trees are added in float32 to the intercept, then the objective's link (sigmoid, softmax or none) in float32.
 * One row costs a few hundred array reads instead of a native call, a {@code DMatrix} and its thread setup.
 *
 * <p>What it does not evaluate — categorical splits, multi-output leaves, DART or linear boosters, objectives other
 * than the ones below — it refuses when reading ({@link Unsupported}), and the model keeps using XGBoost4J.
 */
final class XGBoostTrees {

    /** A booster this evaluator does not cover; the native predictor must be used. */
    static final class Unsupported extends RuntimeException {

        Unsupported(String message) {
            super(message);
        }
    }

    private enum Link {
        SIGMOID, SOFTMAX, IDENTITY
    }

    private final int groups;
    private final Link link;
    private final float[] intercepts;
    private final int[] roots;
    private final int[] treeGroup;
    /** Split feature per node, or -1 for a leaf. */
    private final int[] feature;
    /** Split threshold per node, or the leaf's value. */
    private final float[] threshold;
    private final int[] left;
    private final int[] right;
    private final int[] missing;

    private XGBoostTrees(int groups, Link link, float[] intercepts, int[] roots, int[] treeGroup, int[] feature,
            float[] threshold, int[] left, int[] right, int[] missing) {
        this.groups = groups;
        this.link = link;
        this.intercepts = intercepts;
        this.roots = roots;
        this.treeGroup = treeGroup;
        this.feature = feature;
        this.threshold = threshold;
        this.left = left;
        this.right = right;
        this.missing = missing;
    }

    /**
     * Reads the trees of a booster saved by {@code Booster.toByteArray()} (UBJSON).
     *
     * @throws Unsupported when the booster uses something this evaluator does not implement
     */
    @SuppressWarnings("unchecked")
    static XGBoostTrees read(byte[] booster) {
        Object document = Ubjson.read(booster);
        Map<String, Object> learner = map(map(document, "root").get("learner"), "learner");
        Map<String, Object> gradientBooster = map(learner.get("gradient_booster"), "gradient_booster");
        if (!"gbtree".equals(gradientBooster.get("name"))) {
            throw new Unsupported("booster " + gradientBooster.get("name"));
        }
        Map<String, Object> model = map(gradientBooster.get("model"), "model");
        Map<String, Object> params = map(learner.get("learner_model_param"), "learner_model_param");
        int numClass = Integer.parseInt(String.valueOf(params.getOrDefault("num_class", "0")));
        int numTarget = Integer.parseInt(String.valueOf(params.getOrDefault("num_target", "1")));
        if (numTarget > 1) {
            throw new Unsupported("num_target " + numTarget);
        }
        int groups = Math.max(1, numClass);
        String objective = String.valueOf(map(learner.get("objective"), "objective").get("name"));
        Link link = switch (objective) {
            case "binary:logistic", "reg:logistic" -> Link.SIGMOID;
            case "multi:softprob" -> Link.SOFTMAX;
            case "reg:squarederror" -> Link.IDENTITY;
            default -> throw new Unsupported("objective " + objective);
        };
        float[] intercepts = intercepts(String.valueOf(params.get("base_score")), groups, link);

        List<Object> trees = (List<Object>) model.get("trees");
        int[] treeInfo = ints(model.get("tree_info"));
        if (trees == null || treeInfo.length != trees.size()) {
            throw new Unsupported("tree_info does not match the trees");
        }
        int total = 0;
        for (Object tree : trees) {
            total += ints(map(tree, "tree").get("left_children")).length;
        }
        int[] roots = new int[trees.size()];
        int[] feature = new int[total];
        float[] threshold = new float[total];
        int[] left = new int[total];
        int[] right = new int[total];
        int[] missing = new int[total];
        int offset = 0;
        for (int t = 0; t < trees.size(); t++) {
            Map<String, Object> tree = map(trees.get(t), "tree");
            Map<String, Object> treeParam = map(tree.get("tree_param"), "tree_param");
            if (!"1".equals(String.valueOf(treeParam.getOrDefault("size_leaf_vector", "1")))
                    && !"0".equals(String.valueOf(treeParam.get("size_leaf_vector")))) {
                throw new Unsupported("multi-output leaves");
            }
            if (ints(tree.getOrDefault("categories_nodes", new int[0])).length > 0) {
                throw new Unsupported("categorical splits");
            }
            int[] lefts = ints(tree.get("left_children"));
            int[] rights = ints(tree.get("right_children"));
            int[] indices = ints(tree.get("split_indices"));
            int[] defaults = ints(tree.get("default_left"));
            int[] types = ints(tree.getOrDefault("split_type", new int[0]));
            float[] conditions = floats(tree.get("split_conditions"));
            int n = lefts.length;
            if (rights.length != n || indices.length != n || defaults.length != n || conditions.length != n) {
                throw new Unsupported("node tables of different lengths in tree " + t);
            }
            if (treeInfo[t] < 0 || treeInfo[t] >= groups) {
                throw new Unsupported("tree " + t + " belongs to output " + treeInfo[t]);
            }
            roots[t] = offset;
            for (int i = 0; i < n; i++) {
                if (types.length > i && types[i] != 0) {
                    throw new Unsupported("categorical splits");
                }
                int at = offset + i;
                threshold[at] = conditions[i];
                if (lefts[i] < 0) {
                    feature[at] = -1;
                } else {
                    if (lefts[i] >= n || rights[i] < 0 || rights[i] >= n) {
                        throw new Unsupported("a child outside tree " + t);
                    }
                    feature[at] = indices[i];
                    left[at] = offset + lefts[i];
                    right[at] = offset + rights[i];
                    missing[at] = defaults[i] != 0 ? left[at] : right[at];
                }
            }
            offset += n;
        }
        return new XGBoostTrees(groups, link, intercepts, roots, treeInfo, feature, threshold, left, right, missing);
    }

    /**
     * What {@code Booster.predict} answers for the rows: one value per row (the probability of the positive class,
     * or the regression value), or one probability per class.
     */
    float[][] predict(double[][] rows) {
        float[][] out = new float[rows.length][];
        float[] x = new float[rows.length == 0 ? 0 : rows[0].length];
        for (int r = 0; r < rows.length; r++) {
            double[] row = rows[r];
            if (x.length != row.length) {
                x = new float[row.length];
            }
            for (int j = 0; j < row.length; j++) {
                x[j] = (float) row[j];
            }
            out[r] = predict(x);
        }
        return out;
    }

    private float[] predict(float[] x) {
        float[] sum = intercepts.clone();
        for (int t = 0; t < roots.length; t++) {
            int node = roots[t];
            int split;
            while ((split = feature[node]) >= 0) {
                float value = split < x.length ? x[split] : Float.NaN;
                node = value != value ? missing[node] : value < threshold[node] ? left[node] : right[node];
            }
            sum[treeGroup[t]] += threshold[node];
        }
        switch (link) {
            case SIGMOID -> sum[0] = sigmoid(sum[0]);
            case SOFTMAX -> softmax(sum);
            case IDENTITY -> {
                // the margin is the value
            }
        }
        return sum;
    }

    int outputs() {
        return groups;
    }

    /** XGBoost's sigmoid, in float32 as it computes it. */
    private static float sigmoid(float margin) {
        float exponent = Math.min(-margin, 88.7f);
        return 1.0f / ((float) Math.exp(exponent) + 1.0f);
    }

    private static void softmax(float[] margins) {
        float max = margins[0];
        for (float m : margins) {
            max = Math.max(max, m);
        }
        float total = 0;
        for (int k = 0; k < margins.length; k++) {
            margins[k] = (float) Math.exp(margins[k] - max);
            total += margins[k];
        }
        for (int k = 0; k < margins.length; k++) {
            margins[k] /= total;
        }
    }

    /**
     * The margin each output starts from. XGBoost 3 saves {@code base_score} as a vector ({@code [4.7E-1]}); for
     * the logistic objectives it is a probability and the margin its logit, for softmax it is already a margin per
     * class.
     */
    private static float[] intercepts(String baseScore, int groups, Link link) {
        String text = baseScore.trim();
        if (text.startsWith("[") && text.endsWith("]")) {
            text = text.substring(1, text.length() - 1);
        }
        String[] parts = text.split(",");
        float[] values = new float[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = Float.parseFloat(parts[i].trim());
        }
        if (values.length != 1 && values.length != groups) {
            throw new Unsupported("base_score " + baseScore + " for " + groups + " outputs");
        }
        float[] out = new float[groups];
        for (int k = 0; k < groups; k++) {
            float v = values.length == 1 ? values[0] : values[k];
            out[k] = link == Link.SIGMOID ? (float) -Math.log(1.0f / v - 1.0f) : v;
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, String what) {
        if (value instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new Unsupported(what + " is not an object");
    }

    private static int[] ints(Object value) {
        return switch (value) {
            case int[] ints -> ints;
            case List<?> list -> list.stream().mapToInt(v -> ((Number) v).intValue()).toArray();
            case null, default -> throw new Unsupported("expected an integer array, got " + value);
        };
    }

    private static float[] floats(Object value) {
        return switch (value) {
            case float[] floats -> floats;
            case List<?> list -> {
                float[] out = new float[list.size()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = ((Number) list.get(i)).floatValue();
                }
                yield out;
            }
            case null, default -> throw new Unsupported("expected a number array, got " + value);
        };
    }
}
