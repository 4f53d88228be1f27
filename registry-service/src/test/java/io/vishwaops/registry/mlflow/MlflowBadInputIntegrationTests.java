package io.vishwaops.registry.mlflow;

import java.net.http.HttpResponse;

import io.vishwaops.registry.RegistryHttp;
import io.vishwaops.testsupport.ServiceIntegrationTest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** What MLflow refuses is refused with MLflow's error code, status and a message naming the problem. */
@ServiceIntegrationTest
class MlflowBadInputIntegrationTests {

    private static final String API = "/api/2.0/mlflow";

    private RegistryHttp http;

    @BeforeEach
    void connect(@LocalServerPort int port) {
        http = new RegistryHttp(port, "ana", null);
    }

    @Test
    void unknownExperimentIsResourceDoesNotExist() {
        assertError(http.get(API + "/experiments/get?experiment_id=424242"), 404, "RESOURCE_DOES_NOT_EXIST", "424242");
        assertError(http.post(API + "/runs/create", "{\"experiment_id\":\"424242\"}"), 404, "RESOURCE_DOES_NOT_EXIST",
                "424242");
    }

    @Test
    void unknownModelIsResourceDoesNotExist() {
        assertError(http.get(API + "/registered-models/get?name=no-such-model"), 404, "RESOURCE_DOES_NOT_EXIST",
                "no-such-model");
        assertError(http.post(API + "/model-versions/create", "{\"name\":\"no-such-model\",\"source\":\"s3://x\"}"), 404,
                "RESOURCE_DOES_NOT_EXIST", "no-such-model");
    }

    @Test
    void malformedFilterIsInvalidParameterValueNamingThePlace() {
        String experimentId = experiment();
        assertError(http.post(API + "/runs/search", "{\"experiment_ids\":[\"" + experimentId
                + "\"],\"filter\":\"metrics.f1 > 0.9 or params.a = 'x'\"}"), 400, "INVALID_PARAMETER_VALUE", "AND");
        assertError(http.post(API + "/runs/search", "{\"experiment_ids\":[\"" + experimentId
                + "\"],\"filter\":\"metrics.f1 > 'high'\"}"), 400, "INVALID_PARAMETER_VALUE", "metric 'f1'");
        assertError(http.post(API + "/runs/search", "{\"experiment_ids\":[\"" + experimentId
                + "\"],\"filter\":\"colour.f1 = 'x'\"}"), 400, "INVALID_PARAMETER_VALUE", "Invalid entity type 'colour'");
    }

    @Test
    void aParamReLoggedWithAnotherValueIsRefusedAndTheSameValueAccepted() {
        String runId = run();
        assertThat(http.post(API + "/runs/log-parameter", "{\"run_id\":\"" + runId + "\",\"key\":\"alpha\",\"value\":\"0.1\"}")
                .statusCode()).isEqualTo(200);
        assertThat(http.post(API + "/runs/log-parameter", "{\"run_id\":\"" + runId + "\",\"key\":\"alpha\",\"value\":\"0.1\"}")
                .statusCode()).isEqualTo(200);
        assertError(http.post(API + "/runs/log-parameter", "{\"run_id\":\"" + runId + "\",\"key\":\"alpha\",\"value\":\"0.2\"}"),
                400, "INVALID_PARAMETER_VALUE", "Changing param values is not allowed. Param with key='alpha'");
    }

    @Test
    void anOversizedBatchIsRefusedWholeAndNamesTheLimit() {
        String runId = run();
        StringBuilder metrics = new StringBuilder();
        for (int i = 0; i < 1001; i++) {
            metrics.append(i == 0 ? "" : ",").append("{\"key\":\"m").append(i).append("\",\"value\":1,\"timestamp\":1,\"step\":0}");
        }
        assertError(http.post(API + "/runs/log-batch", "{\"run_id\":\"" + runId + "\",\"metrics\":[" + metrics + "]}"),
                400, "INVALID_PARAMETER_VALUE", "at most 1000 metrics. Got 1001 metrics");
        JsonNode run = RegistryHttp.json(http.get(API + "/runs/get?run_id=" + runId));
        assertThat(run.at("/run/data/metrics").size()).isZero();
    }

    @Test
    void aDuplicateModelIsResourceAlreadyExistsAndMissingParametersAreNamed() {
        String name = "dup-" + System.nanoTime();
        assertThat(http.post(API + "/registered-models/create", "{\"name\":\"" + name + "\"}").statusCode()).isEqualTo(200);
        assertError(http.post(API + "/registered-models/create", "{\"name\":\"" + name + "\"}"), 400,
                "RESOURCE_ALREADY_EXISTS", name);
        assertError(http.post(API + "/registered-models/create", "{}"), 400, "INVALID_PARAMETER_VALUE", "'name'");
    }

    @Test
    void theNativeApiKeepsProblemDetails() {
        HttpResponse<String> response = http.get("/api/v1/registry/models/no-such-model/aliases/champion");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(RegistryHttp.json(response).get("type").asString()).isEqualTo("https://vishwaops.io/problems/not-found");
    }

    @Test
    void openApiDescribesTheNativeApiAndLeavesMlflowsToMlflowsDocs() {
        JsonNode paths = RegistryHttp.json(http.get("/v3/api-docs")).get("paths");
        assertThat(paths.has("/api/v1/registry/models/{name}/aliases/{alias}")).isTrue();
        assertThat(paths.has("/api/v1/registry/approvals/{id}/approve")).isTrue();
        assertThat(paths.has("/api/v1/registry/audit")).isTrue();
        assertThat(paths.propertyNames()).noneMatch(path -> path.startsWith("/api/2.0/mlflow"));
    }

    private String experiment() {
        return RegistryHttp.json(http.post(API + "/experiments/create", "{\"name\":\"bad-input-" + System.nanoTime() + "\"}"))
                .get("experiment_id").asString();
    }

    private String run() {
        return RegistryHttp.json(http.post(API + "/runs/create", "{\"experiment_id\":\"" + experiment() + "\"}"))
                .at("/run/info/run_id").asString();
    }

    private static void assertError(HttpResponse<String> response, int status, String code, String messagePart) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode error = RegistryHttp.json(response);
        assertThat(error.get("error_code").asString()).isEqualTo(code);
        assertThat(error.get("message").asString()).contains(messagePart);
    }
}
