package io.vishwaops.registry.artifact;

import java.net.http.HttpResponse;
import java.nio.file.Files;

import io.vishwaops.registry.RegistryHttp;
import io.vishwaops.testsupport.ServiceIntegrationTest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

@ServiceIntegrationTest
@TestPropertySource(properties = "vops.registry.max-artifact-size=64KB")
class ArtifactIntegrityIntegrationTests {

    @Autowired
    ArtifactStore store;

    private RegistryHttp http;

    @BeforeEach
    void connect(@LocalServerPort int port) {
        http = new RegistryHttp(port, "trainer", null);
    }

    @Test
    void bytesThatNoLongerMatchTheirHashAreNeverServed() throws Exception {
        String runId = run();
        HttpResponse<byte[]> uploaded = http.putBytes("/api/v1/registry/runs/" + runId + "/artifacts/plots/roc.json",
                ("{\"auc\":0.93,\"run\":\"" + runId + "\"}").getBytes());
        assertThat(uploaded.statusCode()).isEqualTo(201);
        String sha = RegistryHttp.json(uploaded.body()).get("sha256").asString();
        assertThat(http.getBytes("/api/v1/registry/runs/" + runId + "/artifacts/plots/roc.json").statusCode()).isEqualTo(200);

        JsonNode listing = RegistryHttp.json(http.get("/api/2.0/mlflow/artifacts/list?run_id=" + runId));
        assertThat(listing.at("/files/0/path").asString()).isEqualTo("plots");
        assertThat(listing.at("/files/0/is_dir").asBoolean()).isTrue();

        Files.writeString(store.fileOf(sha), "tampered");
        HttpResponse<String> download = http.get("/api/v1/registry/runs/" + runId + "/artifacts/plots/roc.json");
        assertThat(download.statusCode()).isEqualTo(500);
        JsonNode problem = RegistryHttp.json(download);
        assertThat(problem.get("type").asString()).isEqualTo("https://vishwaops.io/problems/artifact-integrity");
        assertThat(problem.get("detail").asString()).contains(sha);
    }

    @Test
    void anUploadOverTheLimitIsRefusedAndNothingIsKept() {
        String runId = run();
        HttpResponse<byte[]> refused = http.putBytes("/api/v1/registry/runs/" + runId + "/artifacts/big.bin",
                new byte[65 * 1024]);
        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(RegistryHttp.json(refused.body()).get("detail").asString()).contains("big.bin", "65536");
        assertThat(http.get("/api/v1/registry/runs/" + runId + "/artifacts/big.bin").statusCode()).isEqualTo(404);
    }

    private String run() {
        String experiment = RegistryHttp.json(http.post("/api/2.0/mlflow/experiments/create",
                "{\"name\":\"artifacts-" + System.nanoTime() + "\"}")).get("experiment_id").asString();
        return RegistryHttp.json(http.post("/api/2.0/mlflow/runs/create", "{\"experiment_id\":\"" + experiment + "\"}"))
                .at("/run/info/run_id").asString();
    }
}
