package io.vishwaops.ingestion.record;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import io.vishwaops.testsupport.HttpProbe;
import io.vishwaops.testsupport.ServiceIntegrationTest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

@ServiceIntegrationTest
class CsvUploadIntegrationTests {

    private HttpProbe http;
    private int port;
    private String dataset;

    @BeforeEach
    void defineDataset(@LocalServerPort int port) throws IOException {
        this.port = port;
        http = HttpProbe.localhost(port);
        dataset = "students-" + UUID.randomUUID().toString().substring(0, 8);
        String csv = fixture();
        HttpResponse<String> inferred = http.post("/api/v1/datasets/infer?name=" + dataset, "text/csv", csv);
        assertThat(inferred.statusCode()).as(inferred.body()).isEqualTo(200);
        HttpResponse<String> defined = http.post("/api/v1/datasets", "application/json",
                http.json(inferred).get("schema").toString());
        assertThat(defined.statusCode()).as(defined.body()).isEqualTo(201);
    }

    @Test
    void aCsvBodyIsStreamedIntoOneBatch() throws IOException {
        HttpResponse<String> response = http.post("/api/v1/datasets/" + dataset + "/records", "text/csv", fixture());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode receipt = http.json(response);
        assertThat(receipt.get("accepted").asLong()).isEqualTo(40);
        assertThat(receipt.get("source").asString()).isEqualTo("csv");
        JsonNode status = http.json(http.get("/api/v1/ingestions/" + receipt.get("batchId").asString()));
        assertThat(status.get("received").asLong()).isEqualTo(40);
    }

    @Test
    void raggedRowsAreAcceptedToBeQuarantinedWithTheirReason() throws IOException {
        String[] lines = fixture().split("\n");
        String csv = lines[0] + "\n" + lines[1] + "\n" + "\"GP\";\"F\";17\n" + lines[3] + "\n";

        HttpResponse<String> response = http.post("/api/v1/datasets/" + dataset + "/records", "text/csv", csv);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(http.json(response).get("accepted").asLong()).isEqualTo(3);
    }

    @Test
    void bytesThatAreNotUtf8EndTheUploadNamingTheRowAndKeepWhatCameBefore() throws Exception {
        String[] lines = fixture().split("\n");
        byte[] head = (lines[0] + "\n" + lines[1] + "\n" + lines[2] + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] broken = lines[3].replace("\"GP\"", "\"G\u00e9\"").getBytes(StandardCharsets.ISO_8859_1);
        byte[] body = new byte[head.length + broken.length + 1];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(broken, 0, body, head.length, broken.length);
        body[body.length - 1] = '\n';

        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/v1/datasets/" + dataset + "/records"))
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode problem = http.json(response);
        assertThat(problem.get("errors").get(0).get("pointer").asString()).isEqualTo("line 4");
        assertThat(problem.get("accepted").asLong()).isEqualTo(2);
        JsonNode status = http.json(http.get("/api/v1/ingestions/" + problem.get("batchId").asString()));
        assertThat(status.get("received").asLong()).isEqualTo(2);
    }

    @Test
    void anUnknownDatasetIsNotFound() throws IOException {
        HttpResponse<String> response = http.post("/api/v1/datasets/nobody-" + dataset + "/records", "text/csv", fixture());

        assertThat(response.statusCode()).isEqualTo(404);
    }

    private static String fixture() throws IOException {
        try (InputStream in = CsvUploadIntegrationTests.class.getResourceAsStream("/csv/student-mat-head.csv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
