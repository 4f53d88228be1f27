package io.vishwaops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What needs no platform: messages, exit codes, configuration. The commands themselves are tested against the
 * running platform in the standalone module ({@code VopsCliIntegrationTests}). */
class VopsTests {

    record Result(int exit, String out, String err) {
    }

    private static Result vops(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Vops.run(args, new PrintWriter(out), new PrintWriter(err), env);
        return new Result(exit, out.toString(), err.toString());
    }

    @Test
    void aPlatformThatIsNotThereIsExitCode3AndOneLine() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Result result = vops(Map.of("VOPS_URL", "http://localhost:" + port), "datasets", "list");
        assertThat(result.exit()).isEqualTo(3);
        assertThat(result.err()).isEqualTo("vops: cannot reach the platform at http://localhost:" + port
                + " (is it running? set --url or VOPS_URL)" + System.lineSeparator());
    }

    @Test
    void theConfigFileGivesUrlAndKeyAndAMissingOneNamedByTheEnvironmentIsAnError(@TempDir Path dir) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path config = dir.resolve("config");
        Files.writeString(config, "url=http://localhost:" + port + "\nkey=vops_abc\n");
        Result fromFile = vops(Map.of("VOPS_CONFIG", config.toString()), "models", "list");
        assertThat(fromFile.err()).contains("http://localhost:" + port);
        Result missing = vops(Map.of("VOPS_CONFIG", dir.resolve("absent").toString()), "models", "list");
        assertThat(missing.exit()).isEqualTo(4);
        assertThat(missing.err()).contains("does not exist");
    }

    @Test
    void problemsAndMlflowErrorsBecomeOneLine() {
        String problem = "{\"type\":\"https://vishwaops.io/problems/invalid-input\",\"title\":\"Bad Request\","
                + "\"detail\":\"2 fields are wrong\",\"errors\":[{\"field\":\"age\",\"problem\":\"expected a number\"},"
                + "{\"field\":\"shoe\",\"problem\":\"is not an input\",\"row\":3}]}";
        assertThat(Gateway.describe(400, problem.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("400 Bad Request: 2 fields are wrong (age: expected a number; row 3 shoe: is not an input)");
        String pointers = "{\"title\":\"Bad Request\",\"detail\":\"dataset: no dataset 'x' is defined (and 1 more)\","
                + "\"errors\":[{\"pointer\":\"dataset\",\"message\":\"no dataset 'x' is defined\"},"
                + "{\"pointer\":\"target.classes\",\"message\":\"names the classes of a true/false label\"}]}";
        assertThat(Gateway.describe(400, pointers.getBytes(StandardCharsets.UTF_8))).isEqualTo("400 Bad Request: "
                + "dataset: no dataset 'x' is defined (and 1 more) (target.classes: names the classes of a true/false label)");
        String mlflow = "{\"error_code\":\"RESOURCE_DOES_NOT_EXIST\",\"message\":\"Registered model 'x' not found\"}";
        assertThat(Gateway.describe(404, mlflow.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("404 RESOURCE_DOES_NOT_EXIST: Registered model 'x' not found");
        assertThat(Gateway.describe(502, "<html>\nbad gateway\n</html>".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("502: <html> bad gateway </html>");
    }

    @Test
    void wrongUsageIsExitCode2() {
        Result result = vops(Map.of(), "predict", "student-pass");
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("Missing required argument");
    }
}
