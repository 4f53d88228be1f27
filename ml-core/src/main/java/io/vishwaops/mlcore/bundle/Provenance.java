package io.vishwaops.mlcore.bundle;

import java.io.Serial;
import java.io.Serializable;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Enough to know where a model came from and to train it again: the data (snapshot and its hash), the spec, the
 * seed, and the code, libraries and JVM that fitted it.
 *
 * @param pipeline the training pipeline's name
 * @param spec the pipeline spec as JSON, as it was when the model was trained
 * @param dataset the dataset the snapshot is of
 * @param snapshotId the snapshot the model was trained on
 * @param snapshotSha256 the snapshot's content hash
 * @param schemaVersion the dataset schema version of the snapshot
 * @param algorithm the algorithm's identifier
 * @param parameters the hyper-parameters the final model was fitted with
 * @param seed the seed of the split, the search and the fit
 * @param versions component to version: {@code vishwaops}, {@code smile}, {@code xgboost4j}, {@code java}, {@code os}
 */
public record Provenance(String pipeline, String spec, String dataset, String snapshotId, String snapshotSha256,
        Integer schemaVersion, String algorithm, Map<String, Object> parameters, long seed,
        Map<String, String> versions, Instant trainedAt) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    public Provenance {
        parameters = parameters == null ? Map.of() : new TreeMap<>(parameters);
        versions = versions == null ? Map.of() : new TreeMap<>(versions);
    }

    /** The versions of what runs this code now: the product, Smile, XGBoost4J, the JVM and the OS. */
    public static Map<String, String> currentVersions() {
        Map<String, String> out = new TreeMap<>();
        out.put("vishwaops", versionOf(Provenance.class, "dev"));
        out.put("smile", versionOf(smile.classification.DecisionTree.class, "unknown"));
        out.put("xgboost4j", versionOf(ml.dmlc.xgboost4j.java.XGBoost.class, "unknown"));
        out.put("java", System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version"));
        out.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        return out;
    }

    private static String versionOf(Class<?> type, String otherwise) {
        Package p = type.getPackage();
        String v = p == null ? null : p.getImplementationVersion();
        if (v != null) {
            return v;
        }
        // a jar without Implementation-Version still names its version: smile-core-6.1.0.jar
        try {
            var source = type.getProtectionDomain().getCodeSource();
            if (source != null) {
                String file = java.nio.file.Path.of(source.getLocation().toURI()).getFileName().toString();
                var m = java.util.regex.Pattern.compile("-(\\d+(?:\\.[0-9A-Za-z-]+)*)\\.jar$").matcher(file);
                if (m.find()) {
                    return m.group(1);
                }
            }
        } catch (RuntimeException | java.net.URISyntaxException e) {
            // unknown below
        }
        return otherwise;
    }
}
