package io.vishwaops.training.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import io.vishwaops.training.system.DependencyUnavailable;
import io.vishwaops.training.system.ServiceClients;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * registry-service as training uses it: MLflow's tracking and registry calls for experiments, runs and versions (so
 * what training logs looks to MLflow clients as if MLflow's own tooling had logged it), and the native API for
 * artifacts, aliases, conditional moves and approvals.
 */
@Component
public class Registry {

    private static final String MLFLOW = "/api/2.0/mlflow";
    private static final String NATIVE = "/api/v1/registry";

    private final RestClient registry;
    private final JsonMapper json;

    Registry(@Qualifier(ServiceClients.REGISTRY) RestClient registry, JsonMapper json) {
        this.registry = registry;
        this.json = json;
    }

    /** The experiment of this name, made if it does not exist yet. */
    public String experiment(String name) {
        Optional<String> existing = findExperiment(name);
        if (existing.isPresent()) {
            return existing.get();
        }
        try {
            return mlflow("experiments/create", Map.of("name", name)).get("experiment_id").asString();
        }
        catch (RegistryRefused ex) {
            if ("RESOURCE_ALREADY_EXISTS".equals(ex.errorCode())) {
                return findExperiment(name).orElseThrow(() -> ex);
            }
            throw ex;
        }
    }

    private Optional<String> findExperiment(String name) {
        try {
            JsonNode answer = call(() -> registry.get().uri(MLFLOW + "/experiments/get-by-name?experiment_name={name}", name)
                    .retrieve().body(JsonNode.class));
            return Optional.of(answer.get("experiment").get("experiment_id").asString());
        }
        catch (RegistryRefused ex) {
            if ("RESOURCE_DOES_NOT_EXIST".equals(ex.errorCode())) {
                return Optional.empty();
            }
            throw ex;
        }
    }

    /** A new run; {@code tags} may carry {@code mlflow.parentRunId} to nest it under another. */
    public String createRun(String experimentId, String runName, Map<String, String> tags) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("experiment_id", experimentId);
        body.put("run_name", runName);
        body.put("start_time", System.currentTimeMillis());
        body.put("tags", keyValues(tags));
        return mlflow("runs/create", body).get("run").get("info").get("run_id").asString();
    }

    /** Logs metrics, params and tags, split into batches within MLflow's limits. */
    public void log(String runId, Map<String, Double> metrics, Map<String, String> params, Map<String, String> tags) {
        long now = System.currentTimeMillis();
        List<Map<String, Object>> metricList = new ArrayList<>();
        metrics.forEach((key, value) -> {
            if (value != null && Double.isFinite(value)) {
                metricList.add(Map.of("key", key, "value", value, "timestamp", now, "step", 0));
            }
        });
        List<Map<String, Object>> paramList = new ArrayList<>();
        params.forEach((key, value) -> paramList.add(Map.of("key", key, "value", truncate(value, 6000))));
        List<Map<String, Object>> tagList = new ArrayList<>();
        tags.forEach((key, value) -> tagList.add(Map.of("key", key, "value", truncate(value, 8000))));
        int chunk = 0;
        while (chunk == 0 || chunk * 100 < Math.max(paramList.size(), Math.max(tagList.size(), metricList.size()))) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("run_id", runId);
            body.put("metrics", slice(metricList, chunk));
            body.put("params", slice(paramList, chunk));
            body.put("tags", slice(tagList, chunk));
            mlflow("runs/log-batch", body);
            chunk++;
        }
    }

    public void setTag(String runId, String key, String value) {
        mlflow("runs/set-tag", Map.of("run_id", runId, "key", key, "value", truncate(value, 8000)));
    }

    /** Ends a run: {@code FINISHED}, {@code FAILED} or {@code KILLED}. */
    public void finishRun(String runId, String status) {
        mlflow("runs/update", Map.of("run_id", runId, "status", status, "end_time", System.currentTimeMillis()));
    }

    /** Uploads a run artifact; returns the sha-256 the registry stored it under. */
    public String uploadArtifact(String runId, String path, byte[] bytes, String mediaType) {
        ResponseEntity<JsonNode> answer = call(() -> registry.put().uri(NATIVE + "/runs/" + runId + "/artifacts/" + path)
                .contentType(MediaType.parseMediaType(mediaType)).body(bytes).retrieve().toEntity(JsonNode.class));
        String sha = answer.getHeaders().getFirst("X-Vops-Sha256");
        if (sha == null && answer.getBody() != null && answer.getBody().has("sha256")) {
            sha = answer.getBody().get("sha256").asString();
        }
        return sha;
    }

    /** A run artifact's bytes. */
    public byte[] downloadArtifact(String runId, String path) {
        return call(() -> registry.get().uri(NATIVE + "/runs/" + runId + "/artifacts/" + path).retrieve()
                .body(byte[].class));
    }

    /** Makes the registered model unless it exists. */
    public void ensureModel(String name, String description) {
        try {
            mlflow("registered-models/create", Map.of("name", name, "description", description == null ? "" : description));
        }
        catch (RegistryRefused ex) {
            if (!"RESOURCE_ALREADY_EXISTS".equals(ex.errorCode())) {
                throw ex;
            }
        }
    }

    /** Registers a version bound to the run's artifact; returns its number. */
    public String createVersion(String model, String runId, String artifactPath, String description) {
        JsonNode answer = mlflow("model-versions/create", Map.of("name", model, "source",
                "runs:/" + runId + "/" + artifactPath, "run_id", runId, "description", description));
        return answer.get("model_version").get("version").asString();
    }

    public void setVersionTag(String model, String version, String key, String value) {
        mlflow("model-versions/set-tag", Map.of("name", model, "version", version, "key", key,
                "value", truncate(value, 8000)));
    }

    /** Where the alias points, or empty when the model or alias does not exist. */
    public Optional<AliasTarget> alias(String model, String alias) {
        try {
            return Optional.of(call(() -> registry.get().uri(NATIVE + "/models/{name}/aliases/{alias}", model, alias)
                    .retrieve().body(AliasTarget.class)));
        }
        catch (RegistryRefused ex) {
            if (ex.status() == 404) {
                return Optional.empty();
            }
            throw ex;
        }
    }

    /** What a conditional move came to. */
    public enum MoveOutcome {
        MOVED, MOVED_MEANWHILE, NEEDS_APPROVAL
    }

    /**
     * Moves the alias only if it still points at {@code expectedVersion} ({@code null}: only if it points nowhere).
     */
    public MoveOutcome moveIf(String model, String alias, String version, String expectedVersion, String reason) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", version);
        if (expectedVersion == null) {
            body.put("expectNone", true);
        }
        else {
            body.put("expectedVersion", expectedVersion);
        }
        body.put("reason", reason);
        return move(model, alias, body);
    }

    /** Moves the alias wherever it points now. */
    public MoveOutcome move(String model, String alias, String version, String reason) {
        return move(model, alias, Map.of("version", version, "reason", reason));
    }

    private MoveOutcome move(String model, String alias, Map<String, Object> body) {
        try {
            call(() -> registry.put().uri(NATIVE + "/models/{name}/aliases/{alias}", model, alias)
                    .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toBodilessEntity());
            return MoveOutcome.MOVED;
        }
        catch (RegistryRefused ex) {
            if (ex.status() == 409) {
                return MoveOutcome.MOVED_MEANWHILE;
            }
            if (ex.status() == 403) {
                return MoveOutcome.NEEDS_APPROVAL;
            }
            throw ex;
        }
    }

    /** Guards (or stops guarding) the alias with an approval policy. */
    public void requireApproval(String model, String alias, boolean required) {
        call(() -> registry.put().uri(NATIVE + "/models/{name}/aliases/{alias}/policy", model, alias)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("requiresApproval", required))
                .retrieve().toBodilessEntity());
    }

    /** An approval request (or an immediate move when no policy guards the alias). */
    public MoveRequest requestMove(String model, String alias, String version, String reason) {
        ResponseEntity<JsonNode> answer = call(() -> registry.post()
                .uri(NATIVE + "/models/{name}/aliases/{alias}/moves", model, alias)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("version", version, "reason", reason))
                .retrieve().toEntity(JsonNode.class));
        JsonNode body = answer.getBody();
        String id = body != null && body.has("id") ? body.get("id").asString() : null;
        return new MoveRequest(answer.getStatusCode().value() == HttpStatus.ACCEPTED.value(), id);
    }

    /** @param pending whether an approval request was opened (else the alias moved at once) */
    public record MoveRequest(boolean pending, String approvalId) {
    }

    /** Where an alias points, as the native API says. */
    public record AliasTarget(String model, String alias, String version, String source, String runId,
            String artifactUri, String artifactSha256, String snapshotSha256) {
    }

    private JsonNode mlflow(String path, Map<String, ?> body) {
        return call(() -> registry.post().uri(MLFLOW + "/" + path).contentType(MediaType.APPLICATION_JSON)
                .body(body).retrieve().body(JsonNode.class));
    }

    private <T> T call(Supplier<T> call) {
        try {
            return call.get();
        }
        catch (HttpClientErrorException ex) {
            String code = null;
            String message = ex.getResponseBodyAsString();
            try {
                JsonNode error = json.readTree(message);
                if (error.has("error_code")) {
                    code = error.get("error_code").asString();
                    message = error.path("message").asString();
                }
                else if (error.has("detail")) {
                    message = error.get("detail").asString();
                }
            }
            catch (RuntimeException notJson) {
                // the raw body is the message
            }
            throw new RegistryRefused(ex.getStatusCode().value(), code, message);
        }
        catch (HttpServerErrorException ex) {
            throw new DependencyUnavailable("registry-service", ex.getStatusCode() + " " + ex.getResponseBodyAsString(), ex);
        }
        catch (RestClientException ex) {
            throw new DependencyUnavailable("registry-service", ex.getMessage(), ex);
        }
    }

    private static List<Map<String, String>> keyValues(Map<String, String> tags) {
        List<Map<String, String>> out = new ArrayList<>();
        tags.forEach((key, value) -> out.add(Map.of("key", key, "value", truncate(value, 8000))));
        return out;
    }

    private static <T> List<T> slice(List<T> list, int chunk) {
        int from = Math.min(list.size(), chunk * 100);
        return list.subList(from, Math.min(list.size(), from + 100));
    }

    private static String truncate(String value, int max) {
        return value == null ? "" : value.length() <= max ? value : value.substring(0, max);
    }

    /** The registry refused a call (a 4xx); the MLflow error code when it gave one. */
    public static class RegistryRefused extends RuntimeException {

        private final int status;
        private final String errorCode;

        RegistryRefused(int status, String errorCode, String message) {
            super("registry-service refused (" + status + (errorCode == null ? "" : " " + errorCode) + "): " + message);
            this.status = status;
            this.errorCode = errorCode;
        }

        public int status() {
            return status;
        }

        public String errorCode() {
            return errorCode;
        }
    }
}
