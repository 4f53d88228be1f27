package io.vishwaops.registry.mlflow;

import java.util.List;
import java.util.Optional;

import io.vishwaops.testsupport.ServiceIntegrationTest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mlflow.api.proto.ModelRegistry.ModelVersion;
import org.mlflow.api.proto.Service.Experiment;
import org.mlflow.api.proto.Service.Run;
import org.mlflow.api.proto.Service.RunInfo;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowHttpException;

import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The official MLflow Java client against the real service and PostgreSQL, as a data scientist's code would use it. */
@ServiceIntegrationTest
class MlflowClientIntegrationTests {

    private final JsonMapper json = JsonMapper.builder().build();
    private MlflowClient mlflow;

    @BeforeEach
    void connect(@LocalServerPort int port) {
        mlflow = new MlflowClient("http://localhost:" + port);
    }

    @Test
    void trackingAndRegistryRoundTripThroughTheOfficialClient() {
        String experimentId = mlflow.createExperiment("student-pass-" + System.nanoTime());
        RunInfo good = mlflow.createRun(experimentId);
        mlflow.logParam(good.getRunId(), "algorithm", "xgboost");
        mlflow.logMetric(good.getRunId(), "f1", 0.91);
        mlflow.logMetric(good.getRunId(), "f1", 0.93, System.currentTimeMillis(), 1);
        RunInfo weak = mlflow.createRun(experimentId);
        mlflow.logParam(weak.getRunId(), "algorithm", "logistic");
        mlflow.logMetric(weak.getRunId(), "f1", 0.71);
        mlflow.setTerminated(good.getRunId());

        Run fetched = mlflow.getRun(good.getRunId());
        assertThat(fetched.getData().getParamsList()).anySatisfy(p -> {
            assertThat(p.getKey()).isEqualTo("algorithm");
            assertThat(p.getValue()).isEqualTo("xgboost");
        });
        assertThat(fetched.getData().getMetricsList()).singleElement()
                .satisfies(m -> assertThat(m.getValue()).isEqualTo(0.93));
        assertThat(fetched.getInfo().getStatus().name()).isEqualTo("FINISHED");
        assertThat(mlflow.getMetricHistory(good.getRunId(), "f1")).hasSize(2);

        List<RunInfo> found = mlflow.searchRuns(List.of(experimentId), "metrics.f1 > 0.9 and params.algorithm = 'xgboost'");
        assertThat(found).extracting(RunInfo::getRunId).containsExactly(good.getRunId());
        assertThat(mlflow.searchRuns(List.of(experimentId), "metrics.f1 >= 0.7")).hasSize(2);

        Optional<Experiment> byName = mlflow.getExperimentByName("no-such-experiment-" + System.nanoTime());
        assertThat(byName).isEmpty();

        String model = "student-pass-" + System.nanoTime();
        mlflow.sendPost("registered-models/create", "{\"name\":\"" + model + "\"}");
        String created = mlflow.sendPost("model-versions/create", "{\"name\":\"" + model + "\",\"source\":\"runs:/"
                + good.getRunId() + "/model\",\"run_id\":\"" + good.getRunId() + "\"}");
        assertThat(json.readTree(created).at("/model_version/version").asString()).isEqualTo("1");
        mlflow.sendPost("registered-models/alias", "{\"name\":\"" + model + "\",\"alias\":\"champion\",\"version\":\"1\"}");

        JsonNode byAlias = json.readTree(mlflow.sendGet("registered-models/alias?name=" + model + "&alias=champion"));
        assertThat(byAlias.at("/model_version/version").asString()).isEqualTo("1");
        assertThat(byAlias.at("/model_version/aliases/0").asString()).isEqualTo("champion");
        ModelVersion version = mlflow.getModelVersion(model, "1");
        assertThat(version.getRunId()).isEqualTo(good.getRunId());
        assertThat(version.getAliasesList()).containsExactly("champion");
        assertThat(mlflow.getRegisteredModel(model).getAliasesList()).singleElement()
                .satisfies(a -> assertThat(a.getVersion()).isEqualTo("1"));
        assertThat(mlflow.getLatestVersions(model)).extracting(ModelVersion::getVersion).containsExactly("1");
    }

    @Test
    void errorsReachTheClientInMlflowsShape() {
        assertThatThrownBy(() -> mlflow.getExperiment("987654321"))
                .isInstanceOfSatisfying(MlflowHttpException.class, ex -> {
                    assertThat(ex.getStatusCode()).isEqualTo(404);
                    assertThat(ex.getBodyMessage()).contains("\"error_code\":\"RESOURCE_DOES_NOT_EXIST\"", "987654321");
                });
        String name = "duplicate-" + System.nanoTime();
        mlflow.createExperiment(name);
        assertThatThrownBy(() -> mlflow.createExperiment(name))
                .isInstanceOfSatisfying(MlflowHttpException.class, ex -> {
                    assertThat(ex.getStatusCode()).isEqualTo(400);
                    assertThat(ex.getBodyMessage()).contains("RESOURCE_ALREADY_EXISTS", name);
                });
        String experimentId = mlflow.createExperiment("filters-" + System.nanoTime());
        assertThatThrownBy(() -> mlflow.searchRuns(List.of(experimentId), "metrics.f1 >> 0.9"))
                .isInstanceOfSatisfying(MlflowHttpException.class, ex -> {
                    assertThat(ex.getStatusCode()).isEqualTo(400);
                    assertThat(ex.getBodyMessage()).contains("INVALID_PARAMETER_VALUE", "metrics.f1 >> 0.9");
                });
    }
}
