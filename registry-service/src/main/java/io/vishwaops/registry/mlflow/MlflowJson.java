package io.vishwaops.registry.mlflow;

import java.util.List;
import java.util.Map;

import io.vishwaops.registry.experiment.Experiment;
import io.vishwaops.registry.model.ModelVersion;
import io.vishwaops.registry.model.RegisteredModel;
import io.vishwaops.registry.run.Run;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** MLflow's JSON shapes (protobuf field names, epoch-millisecond times, string version numbers). */
final class MlflowJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private MlflowJson() {
    }

    static ObjectNode object() {
        return NODES.objectNode();
    }

    static ObjectNode experiment(Experiment e) {
        ObjectNode node = object();
        node.put("experiment_id", e.experimentId());
        node.put("name", e.name());
        node.put("artifact_location", e.artifactLocation());
        node.put("lifecycle_stage", e.lifecycleStage());
        node.put("last_update_time", e.lastUpdateTime());
        node.put("creation_time", e.creationTime());
        node.set("tags", tags(e.tags()));
        return node;
    }

    static ObjectNode run(Run run) {
        ObjectNode node = object();
        node.set("info", runInfo(run.info()));
        ObjectNode data = object();
        ArrayNode metrics = data.putArray("metrics");
        for (Run.Metric metric : run.metrics()) {
            metrics.add(metric(metric));
        }
        data.set("params", tags(run.params()));
        data.set("tags", tags(run.tags()));
        node.set("data", data);
        node.set("inputs", object());
        return node;
    }

    static ObjectNode runInfo(Run.Info info) {
        ObjectNode node = object();
        node.put("run_id", info.runId());
        node.put("run_uuid", info.runId());
        node.put("run_name", info.runName());
        node.put("experiment_id", info.experimentId());
        node.put("user_id", info.userId());
        node.put("status", info.status());
        node.put("start_time", info.startTime());
        if (info.endTime() != null) {
            node.put("end_time", info.endTime());
        }
        node.put("artifact_uri", info.artifactUri());
        node.put("lifecycle_stage", info.lifecycleStage());
        return node;
    }

    static ObjectNode metric(Run.Metric metric) {
        ObjectNode node = object();
        node.put("key", metric.key());
        if (Double.isNaN(metric.value()) || Double.isInfinite(metric.value())) {
            node.put("value", Double.isNaN(metric.value()) ? "NaN" : metric.value() > 0 ? "Infinity" : "-Infinity");
        }
        else {
            node.put("value", metric.value());
        }
        node.put("timestamp", metric.timestamp());
        node.put("step", metric.step());
        return node;
    }

    static ObjectNode registeredModel(RegisteredModel model) {
        ObjectNode node = object();
        node.put("name", model.name());
        node.put("creation_timestamp", model.creationTimestamp());
        node.put("last_updated_timestamp", model.lastUpdatedTimestamp());
        node.put("description", model.description());
        ArrayNode latest = node.putArray("latest_versions");
        model.latestVersions().forEach(v -> latest.add(modelVersion(v)));
        node.set("tags", tags(model.tags()));
        ArrayNode aliases = node.putArray("aliases");
        model.aliases().forEach((alias, version) -> aliases.add(object().put("alias", alias).put("version", version)));
        return node;
    }

    static ObjectNode modelVersion(ModelVersion v) {
        ObjectNode node = object();
        node.put("name", v.name());
        node.put("version", v.version());
        node.put("creation_timestamp", v.creationTimestamp());
        node.put("last_updated_timestamp", v.lastUpdatedTimestamp());
        node.put("user_id", v.userId());
        node.put("current_stage", v.currentStage());
        node.put("description", v.description());
        node.put("source", v.source());
        if (v.runId() != null) {
            node.put("run_id", v.runId());
        }
        node.put("status", v.status());
        node.set("tags", tags(v.tags()));
        node.put("run_link", v.runLink());
        ArrayNode aliases = node.putArray("aliases");
        v.aliases().forEach(aliases::add);
        return node;
    }

    static ArrayNode tags(Map<String, String> tags) {
        ArrayNode array = NODES.arrayNode();
        tags.forEach((key, value) -> array.add(object().put("key", key).put("value", value)));
        return array;
    }

    static <T> ObjectNode list(String field, List<T> items, java.util.function.Function<T, ObjectNode> json,
            String nextPageToken) {
        ObjectNode node = object();
        ArrayNode array = node.putArray(field);
        items.forEach(item -> array.add(json.apply(item)));
        if (nextPageToken != null) {
            node.put("next_page_token", nextPageToken);
        }
        return node;
    }
}
