package io.vishwaops.mlcore.pipeline;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.vishwaops.mlcore.bundle.ModelBundle;
import io.vishwaops.mlcore.bundle.ModelBundles;

/**
 * The serving side of {@link CrossJvmTransformTests}, run in a JVM of its own: reads a bundle the way serving does
 * (through the allowlist), transforms the rows it is given, and writes every feature value's exact bits.
 */
public final class ServingJvmTransform {

    private ServingJvmTransform() {
    }

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws IOException, ClassNotFoundException {
        ModelBundle bundle;
        try (InputStream in = Files.newInputStream(Path.of(args[0]))) {
            bundle = ModelBundles.read(in);
        }
        List<Map<String, Object>> rows;
        try (ObjectInputStream in = new ObjectInputStream(Files.newInputStream(Path.of(args[1])))) {
            rows = (List<Map<String, Object>>) in.readObject();
        }
        try (OutputStream file = Files.newOutputStream(Path.of(args[2]));
                DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(file))) {
            for (Map<String, Object> row : rows) {
                double[] x = bundle.pipeline().transform(row);
                out.writeInt(x.length);
                for (double v : x) {
                    out.writeLong(Double.doubleToRawLongBits(v));
                }
                out.writeLong(Double.doubleToRawLongBits(((Number) numeric(bundle.predict(row).value(),
                        bundle.predict(row).probabilities())).doubleValue()));
            }
        }
    }

    static Object numeric(Object value, Map<String, Double> probabilities) {
        return probabilities.isEmpty() ? value : probabilities.values().iterator().next();
    }
}
