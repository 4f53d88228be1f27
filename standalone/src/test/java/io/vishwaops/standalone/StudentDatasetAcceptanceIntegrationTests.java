package io.vishwaops.standalone;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;


import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * A new user's first hour, through the gateway only: the real UCI student file, as it is, gives an inferred
 * schema and 395 valid records; a corrupted copy gets each bad row quarantined with the right reason and the
 * good rows through.
 */
class StudentDatasetAcceptanceIntegrationTests {

    /** CI lays shared/ beside the clone; tests run in the module directory. */
    private static final Path STUDENT_MAT = Path.of("..", "..", "shared", "datasets", "student", "student-mat.csv");

    @TempDir
    Path dataDir;

    @Test
    void studentMathematicsAsItIsAndCorrupted() throws Exception {
        assumeThat(Files.exists(STUDENT_MAT)).as("shared datasets beside the repository").isTrue();
        String csv = Files.readString(STUDENT_MAT, StandardCharsets.UTF_8);
        try (StandalonePlatform platform = StandalonePlatform.start(FreePorts.options(dataDir))) {
            PlatformHttp gateway = PlatformHttp.admin(platform);

            HttpResponse<String> inferred = gateway.post("/api/v1/datasets/infer?name=student-mat&target=G3", "text/csv", csv);
            assertThat(inferred.statusCode()).as(inferred.body()).isEqualTo(200);
            JsonNode schema = gateway.json(inferred).get("schema");
            assertThat(schema.get("columns")).hasSize(33);
            assertThat(gateway.post("/api/v1/datasets", "application/json", schema.toString()).statusCode()).isEqualTo(201);

            JsonNode clean = awaitComplete(gateway, upload(gateway, "student-mat", csv));
            assertThat(clean.get("received").asLong()).isEqualTo(395);
            assertThat(clean.get("valid").asLong()).isEqualTo(395);
            assertThat(clean.get("quarantined").asLong()).isZero();

            ((ObjectNode) schema).put("name", "student-mat-corrupted");
            assertThat(gateway.post("/api/v1/datasets", "application/json", schema.toString()).statusCode()).isEqualTo(201);
            String batch = upload(gateway, "student-mat-corrupted", corrupted(csv));
            JsonNode status = awaitComplete(gateway, batch);
            assertThat(status.get("received").asLong()).isEqualTo(50);
            assertThat(status.get("quarantined").asLong()).isEqualTo(6);
            assertThat(status.get("valid").asLong()).isEqualTo(44);

            JsonNode quarantine = gateway.json(gateway.get("/api/v1/validation/batches/" + batch + "/quarantine"));
            List<String> reasons = new ArrayList<>();
            for (JsonNode row : quarantine) {
                JsonNode first = row.get("violations").get(0);
                reasons.add(row.get("row").asLong() + ":" + (first.get("field").isNull() ? "" : first.get("field").asString())
                        + ":" + first.get("rule").asString());
            }
            assertThat(reasons).containsExactly("3:age:type", "5:age:range", "7:school:not-null", "9::duplicate",
                    "11::ragged-row", "13:G3:type");
        }
    }

    /** The first 50 rows, six of them broken in the ways real files break. */
    private static String corrupted(String csv) {
        String[] lines = csv.split("\r?\n");
        List<String> out = new ArrayList<>(List.of(lines).subList(0, 51));
        out.set(3, out.get(3).replaceFirst(";15;|;16;|;17;|;18;", ";\"seventeen\";"));
        out.set(5, out.get(5).replaceFirst(";15;|;16;|;17;|;18;", ";35;"));
        out.set(7, out.get(7).replaceFirst("^\"GP\"", "\"\""));
        out.set(9, out.get(2));
        out.set(11, out.get(11).substring(0, out.get(11).lastIndexOf(';', out.get(11).lastIndexOf(';') - 1)));
        out.set(13, out.get(13).substring(0, out.get(13).lastIndexOf(';') + 1) + "\"abc\"");
        return String.join("\n", out) + "\n";
    }

    private static String upload(PlatformHttp gateway, String dataset, String csv) {
        HttpResponse<String> accepted = gateway.post("/api/v1/datasets/" + dataset + "/records", "text/csv", csv);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        return gateway.json(accepted).get("batchId").asString();
    }

    private static JsonNode awaitComplete(PlatformHttp gateway, String batch) {
        return await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .until(() -> gateway.json(gateway.get("/api/v1/ingestions/" + batch)),
                        s -> "complete".equals(s.get("status").asString()));
    }
}
