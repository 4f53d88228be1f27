package io.vishwaops.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.fail;

/** Where deploy/ is, which services it deploys, and the command-line tools the checks call. */
final class Deploy {

    /** Every deployable module, in port order. */
    static final List<String> SERVICES = List.of("gateway", "ingestion-service", "validation-service", "feature-service",
            "training-service", "registry-service", "serving-service", "monitoring-service");

    private static final Map<String, ServiceJar> JARS = new ConcurrentHashMap<>();
    private static final Map<String, String> RENDERED = new ConcurrentHashMap<>();

    private Deploy() {
    }

    static Path dir() {
        return Path.of(System.getProperty("vops.deploy.dir", "../deploy")).toAbsolutePath().normalize();
    }

    static Path repository() {
        return dir().getParent();
    }

    static ServiceJar jar(String service) {
        return JARS.computeIfAbsent(service, ServiceJar::open);
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> yaml(Path file) {
        return (Map<String, Object>) new Yaml().load(read(file));
    }

    /**
     * A tool on the PATH. Missing, it skips the calling test on a developer's machine, but fails under CI
     * (which sets {@code CI}), where .ci/run installs it.
     */
    static Path tool(String name) {
        Optional<Path> found = Optional.ofNullable(System.getenv("PATH")).stream()
                .flatMap(path -> java.util.Arrays.stream(path.split(java.io.File.pathSeparator)))
                .map(d -> Path.of(d, name)).filter(Files::isExecutable).findFirst();
        if (found.isEmpty()) {
            if (System.getenv("CI") != null) {
                fail(name + " is not on the PATH; .ci/run installs it");
            }
            Assumptions.abort(name + " is not on the PATH (.ci/run installs it; CI fails without it)");
        }
        return found.get();
    }

    /** Runs a command, failing with its output when it exits non-zero. */
    static String run(List<String> command) {
        try {
            Path out = Files.createTempFile("deploy-checks", ".out");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(String.join(" ", command) + " did not finish in 120 s");
            }
            String output = Files.readString(out);
            Files.delete(out);
            if (process.exitValue() != 0) {
                fail(String.join(" ", command) + " exited " + process.exitValue() + ":\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code kubectl kustomize} of an overlay, once per test run. */
    static String render(String overlay) {
        return RENDERED.computeIfAbsent(overlay, o -> run(List.of(tool("kubectl").toString(), "kustomize",
                dir().resolve("k8s/overlays").resolve(o).toString())));
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> documents(String yaml) {
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object doc : new Yaml().loadAll(yaml)) {
            if (doc != null) {
                docs.add((Map<String, Object>) doc);
            }
        }
        return docs;
    }
}
