package io.vishwaops.mlcore.bundle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.vishwaops.mlcore.train.Algorithm;
import io.vishwaops.mlcore.train.Task;

/** A student pass/fail bundle for tests outside this package. */
public final class BundleFixtures {

    public static final Path STUDENT = StudentData.FILE;

    private BundleFixtures() {
    }

    public static List<Map<String, Object>> studentRows() {
        try {
            return StudentData.rows();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ModelBundle studentBundle() {
        try {
            ModelBundleTests.schema = StudentData.schema();
            ModelBundleTests.rows = StudentData.rows();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ModelBundleTests.train(Algorithm.GRADIENT_BOOSTING, Task.BINARY);
    }
}
