package io.vishwaops.ingestion.inference.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.vishwaops.testsupport.HttpProbe;
import io.vishwaops.testsupport.ServiceIntegrationTest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

@ServiceIntegrationTest
class SchemaInferenceIntegrationTests {

    /** The shared datasets folder sits beside the clone; tests run in the module directory. */
    private static final Path STUDENT_MAT = Path.of("..", "..", "shared", "datasets", "student", "student-mat.csv");

    private final HttpClient client = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private HttpProbe http;
    private int port;
    private String name;

    @BeforeEach
    void connect(@LocalServerPort int port) {
        this.port = port;
        http = HttpProbe.localhost(port);
        name = "student-mat-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void theStudentFileAsItIsGivesASchemaThatCanBeSavedAsItIs() throws IOException {
        assumeThat(STUDENT_MAT).as("shared datasets beside the clone").exists();

        HttpResponse<String> inferred = http.post("/api/v1/datasets/infer?name=" + name + "&target=G3",
                "text/csv", Files.readString(STUDENT_MAT));

        assertThat(inferred.statusCode()).as(inferred.body()).isEqualTo(200);
        JsonNode body = http.json(inferred);
        assertThat(body.get("rowsRead").asLong()).isEqualTo(395);
        assertThat(body.get("separator").asString()).isEqualTo(";");
        JsonNode schema = body.get("schema");
        assertThat(schema.get("columns")).hasSize(33)
                .allSatisfy(column -> assertThat(column.get("nullable").asBoolean()).as(column.toString()).isFalse());
        Map<String, JsonNode> columns = new HashMap<>();
        schema.get("columns").forEach(c -> columns.put(c.get("name").asString(), c));
        assertThat(columns.get("age").get("type").asString()).isEqualTo("integer");
        assertThat(columns.get("age").get("min").asDouble()).isEqualTo(15.0);
        assertThat(columns.get("age").get("max").asDouble()).isEqualTo(22.0);
        assertThat(columns.get("school").get("type").asString()).isEqualTo("categorical");
        assertThat(columns.get("school").get("allowedValues")).extracting(JsonNode::asString).containsExactly("GP", "MS");
        assertThat(columns.get("G3").get("type").asString()).isEqualTo("integer");
        assertThat(columns.get("G3").get("min").asDouble()).isEqualTo(0.0);
        assertThat(columns.get("G3").get("max").asDouble()).isEqualTo(20.0);
        assertThat(schema.get("task").asString()).isEqualTo("regression");
        assertThat(body.get("columns")).hasSize(33);

        HttpResponse<String> saved = http.post("/api/v1/datasets", "application/json", schema.toString());
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(201);
    }

    @Test
    void aMultipartUploadIsReadFromItsFilePart() throws IOException {
        byte[] csv;
        try (InputStream fixture = getClass().getResourceAsStream("/csv/student-mat-head.csv")) {
            csv = fixture.readAllBytes();
        }

        HttpResponse<String> inferred = multipart("/api/v1/datasets/infer?name=" + name + "&separator=semicolon",
                "student-mat-head.csv", csv);

        assertThat(inferred.statusCode()).as(inferred.body()).isEqualTo(200);
        JsonNode body = http.json(inferred);
        assertThat(body.get("rowsRead").asLong()).isEqualTo(40);
        assertThat(body.at("/schema/columns")).hasSize(33);
        assertThat(body.at("/schema/name").asString()).isEqualTo(name);
        assertThat(body.at("/columns/2/examples")).isNotEmpty();
        HttpResponse<String> saved = http.post("/api/v1/datasets", "application/json", body.get("schema").toString());
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(201);
    }

    @Test
    void theProposalAnswersMissingMarkersAndRenamesThatStillSave() {
        HttpResponse<String> inferred = http.post("/api/v1/datasets/infer?name=" + name + "&missing=-,n.a.",
                "text/csv; charset=UTF-8", "_id;x;;x;price\r\n1;a;2;-;1.5\r\n2;a;3;n.a.;\"2.5\"\r\n3;b;4;NA;?\r\n");

        assertThat(inferred.statusCode()).as(inferred.body()).isEqualTo(200);
        JsonNode schema = http.json(inferred).get("schema");
        assertThat(schema.get("columns")).extracting(c -> c.get("name").asString())
                .containsExactly("x", "column_3", "x_2", "price");
        assertThat(schema.at("/columns/2/nullable").asBoolean()).as("- and n.a. are missing").isTrue();
        assertThat(schema.at("/columns/3/type").asString()).as("'?' is a value when the markers are replaced")
                .isEqualTo("text");
        assertThat(http.post("/api/v1/datasets", "application/json", schema.toString()).statusCode()).isEqualTo(201);
    }

    @Test
    void bytesThatAreNotUtf8AreABadRequestNamingTheRow() {
        byte[] latin1 = "name;city\nAda;London\nRen\u00e9e;Paris\n".getBytes(StandardCharsets.ISO_8859_1);

        HttpResponse<String> refused = send(HttpRequest.newBuilder(uri("/api/v1/datasets/infer?name=" + name))
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofByteArray(latin1)));

        assertThat(refused.statusCode()).isEqualTo(400);
        JsonNode problem = http.json(refused);
        assertThat(problem.get("type").asString()).isEqualTo("https://vishwaops.io/problems/invalid-request");
        assertThat(problem.at("/errors/0/pointer").asString()).isEqualTo("line 3");
        assertThat(problem.at("/errors/0/message").asString()).contains("row 2", "column 'name'", "not UTF-8");
    }

    @Test
    void aFieldOverOneMebibyteIsABadRequestNamingRowAndColumn() {
        String csv = "id,note\n1,short\n2,\"" + "x".repeat(2 << 20) + "\"\n";

        HttpResponse<String> refused = http.post("/api/v1/datasets/infer?name=" + name, "text/csv", csv);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(http.json(refused).at("/errors/0/message").asString())
                .contains("row 2", "column 'note'", "longer than 1048576 characters");
    }

    @Test
    void badParametersAreNamed() {
        assertThat(pointer(http.post("/api/v1/datasets/infer", "text/csv", "a\n1\n"))).isEqualTo("name");
        assertThat(pointer(http.post("/api/v1/datasets/infer?name=" + name + "&separator=pipe", "text/csv", "a\n1\n")))
                .isEqualTo("separator");
        assertThat(pointer(http.post("/api/v1/datasets/infer?name=" + name + "&target=G3", "text/csv", "a\n1\n")))
                .isEqualTo("target");
        assertThat(pointer(http.post("/api/v1/datasets/infer?name=" + name + "&sampleRows=many", "text/csv", "a\n1\n")))
                .isEqualTo("sampleRows");
        assertThat(pointer(http.post("/api/v1/datasets/infer?name=" + name, "text/csv", ""))).isEqualTo("line 1");
        assertThat(pointer(http.post("/api/v1/datasets/infer?name=" + name, "text/csv; charset=ISO-8859-1", "a\n1\n")))
                .isEqualTo("Content-Type");
    }

    @Test
    void otherBodiesAreUnsupportedAndTheDatasetRoutesStillWork() {
        HttpResponse<String> json = http.post("/api/v1/datasets/infer?name=" + name, "application/json", "{}");
        assertThat(json.statusCode()).isEqualTo(415);

        HttpResponse<String> defined = http.post("/api/v1/datasets", "application/json", """
                {"name": "%s", "columns": [{"name": "age", "type": "integer"}]}""".formatted(name));
        assertThat(defined.statusCode()).as(defined.body()).isEqualTo(201);
        assertThat(http.get("/api/v1/datasets/infer").statusCode()).as("no dataset is called infer").isEqualTo(404);
    }

    private String pointer(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        return http.json(response).at("/errors/0/pointer").asString();
    }

    private HttpResponse<String> multipart(String path, String filename, byte[] content) {
        String boundary = "vops-" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                + "\"\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + content.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(content, 0, body, head.length, content.length);
        System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}
