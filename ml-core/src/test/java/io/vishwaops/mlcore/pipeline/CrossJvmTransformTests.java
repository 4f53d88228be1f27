package io.vishwaops.mlcore.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vishwaops.mlcore.bundle.ModelBundle;
import io.vishwaops.mlcore.bundle.ModelBundles;

/**
 * No training/serving skew: the rows a bundle's pipeline gives in the JVM that trained it are, bit for bit, the rows
 * it gives in another JVM that only read the bundle — as serving does — including rows with missing values, unseen
 * categories and numbers sent as text.
 */
class CrossJvmTransformTests {

    @Test
    void aServingJvmTransformsRowsExactlyAsTheTrainingJvm(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isRegularFile(io.vishwaops.mlcore.bundle.BundleFixtures.STUDENT), "shared dataset absent");
        ModelBundle bundle = io.vishwaops.mlcore.bundle.BundleFixtures.studentBundle();
        List<Map<String, Object>> rows = new ArrayList<>(io.vishwaops.mlcore.bundle.BundleFixtures.studentRows());
        Map<String, Object> odd = new HashMap<>(rows.get(0));
        odd.put("absences", null);
        odd.put("school", "ZZ");
        odd.put("age", "17");
        odd.put("higher", null);
        rows.add(odd);

        Path bundleFile = dir.resolve("bundle.vops");
        Files.write(bundleFile, ModelBundles.toBytes(bundle));
        Path rowsFile = dir.resolve("rows.ser");
        try (ObjectOutputStream out = new ObjectOutputStream(Files.newOutputStream(rowsFile))) {
            out.writeObject(rows.stream().map(HashMap::new).toList());
        }
        Path result = dir.resolve("features.bin");
        Process serving = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ServingJvmTransform.class.getName(),
                bundleFile.toString(), rowsFile.toString(), result.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("serving.log").toFile()).start();
        assertThat(serving.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(serving.exitValue()).as(Files.readString(dir.resolve("serving.log"))).isZero();

        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(result)))) {
            for (Map<String, Object> row : rows) {
                double[] expected = bundle.pipeline().transform(row);
                int width = in.readInt();
                double[] actual = new double[width];
                for (int j = 0; j < width; j++) {
                    actual[j] = Double.longBitsToDouble(in.readLong());
                }
                assertThat(actual).containsExactly(expected);
                var p = bundle.predict(row);
                assertThat(Double.longBitsToDouble(in.readLong()))
                        .isEqualTo(((Number) ServingJvmTransform.numeric(p.value(), p.probabilities())).doubleValue());
            }
            assertThat(in.available()).isZero();
        }
    }
}
