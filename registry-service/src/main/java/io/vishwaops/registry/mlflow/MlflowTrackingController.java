package io.vishwaops.registry.mlflow;

import java.util.ArrayList;
import java.util.List;

import io.swagger.v3.oas.annotations.Hidden;
import io.vishwaops.problems.InvalidInput;
import io.vishwaops.registry.artifact.Artifact;
import io.vishwaops.registry.artifact.ArtifactStore;
import io.vishwaops.registry.experiment.Experiment;
import io.vishwaops.registry.experiment.Experiments;
import io.vishwaops.registry.run.Run;
import io.vishwaops.registry.run.Runs;
import io.vishwaops.registry.search.Page;
import io.vishwaops.registry.system.CallerLookup;
import io.vishwaops.registry.system.RegistryProperties;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static org.springframework.web.bind.annotation.RequestMethod.GET;
import static org.springframework.web.bind.annotation.RequestMethod.POST;

/** MLflow REST API 2.0, tracking half: experiments, runs, logging, search, metric history, artifact listing. */
@Hidden
@RestController
@RequestMapping("/api/2.0/mlflow")
class MlflowTrackingController {


    private final Experiments experiments;
    private final Runs runs;
    private final ArtifactStore artifacts;
    private final CallerLookup callers;
    private final RegistryProperties properties;

    MlflowTrackingController(Experiments experiments, Runs runs, ArtifactStore artifacts, CallerLookup callers,
            RegistryProperties properties) {
        this.experiments = experiments;
        this.runs = runs;
        this.artifacts = artifacts;
        this.callers = callers;
        this.properties = properties;
    }

    @RequestMapping(path = "/experiments/create", method = POST)
    ObjectNode createExperiment(@RequestParam MultiValueMap<String, String> q, @RequestBody(required = false) JsonNode b) {
        var r = new MlflowRequest(q, b);
        String id = experiments.create(r.string("name"), r.optString("artifact_location"), r.tags("tags"));
        return MlflowJson.object().put("experiment_id", id);
    }

    @RequestMapping(path = "/experiments/get", method = {GET, POST})
    ObjectNode getExperiment(@RequestParam MultiValueMap<String, String> q, @RequestBody(required = false) JsonNode b) {
        Experiment experiment = experiments.get(new MlflowRequest(q, b).string("experiment_id"));
        ObjectNode node = MlflowJson.object();
        node.set("experiment", MlflowJson.experiment(experiment));
        return node;
    }

    @RequestMapping(path = "/experiments/get-by-name", method = {GET, POST})
    ObjectNode getExperimentByName(@RequestParam MultiValueMap<String, String> q,
            @RequestBody(required = false) JsonNode b) {
        Experiment experiment = experiments.byName(new MlflowRequest(q, b).string("experiment_name"));
        ObjectNode node = MlflowJson.object();
        node.set("experiment", MlflowJson.experiment(experiment));
        return node;
    }

    @RequestMapping(path = "/experiments/search", method = {GET, POST})
    ObjectNode searchExperiments(@RequestParam MultiValueMap<String, String> q,
            @RequestBody(required = false) JsonNode b) {
        var r = new MlflowRequest(q, b);
        Page<Experiment> page = experiments.search(r.optString("filter"), r.optString("view_type"),
                r.maxResults(1000, 50000), r.strings("order_by"), r.optString("page_token"));
        return MlflowJson.list("experiments", page.items(), MlflowJson::experiment, page.nextPageToken());
    }

    @RequestMapping(path = "/experiments/update", method = POST)
    ObjectNode updateExperiment(@RequestParam MultiValueMap<String, String> q, @RequestBody(required = false) JsonNode b) {
        var r = new MlflowRequest(q, b);
        experiments.rename(r.string("experiment_id"), r.string("new_name"));
        return MlflowJson.object();
    }

    @RequestMapping(path = "/experiments/delete", method = POST)
    ObjectNode deleteExperiment(@RequestParam MultiValueMap<String, String> q, @RequestBody(required = false) JsonNode b) {
        experiments.delete(new MlflowRequest(q, b).string("experiment_id"));
        return MlflowJson.object();
    }

    @RequestMapping(path = "/experiments/restore", method = POST)
    ObjectNode restoreExperiment(@RequestParam MultiValueMap<String, String> q, @RequestBody(required = false) JsonNode b) {
        experiments.restore(new MlflowRequest(q, b).string("experiment_id"));
        return MlflowJson.object();
    }

    @RequestMapping(path = "/experiments/set-experiment-tag", method = POST)
    ObjectNode setExperimentTag(@RequestParam MultiValueMap<String, String> q, @RequestBody(required = false) JsonNode b) {
        var r = new MlflowRequest(q, b);
        experiments.setTag(r.string("experiment_id"), r.string("key"), r.optString("value") == null ? "" : r.optString("value"));
        return MlflowJson.object();
    }

    @RequestMapping(path = "/runs/create", method = POST)
    ObjectNode createRun(@RequestParam MultiValueMap<String, String> q, @RequestBody(required = false) JsonNode b) {
        var r = new MlflowRequest(q, b);
        String user = r.optString("user_id");
        Run run = runs.create(r.optString("experiment_id"), user == null || user.isEmpty() ? callers.current().user() : user,
                r.optString("run_name"), r.optLong("start_time"), r.tags("tags"));
        ObjectNode node = MlflowJson.object();
        node.set("run", MlflowJson.run(run));
        return node;
    }

    @RequestMapping(path = "/runs/get", method = {GET, POST})
    ObjectNode getRun(@RequestParam MultiValueMap<String, String> q, @RequestBody(required = false) JsonNode b) {
        ObjectNode node = MlflowJson.object();
        node.set("run", MlflowJson.run(runs.get(runId(new MlflowRequest(q, b)))));
        return node;
    }

    @RequestMapping(path = "/runs/update", method = POST)
    ObjectNode updateRun(@RequestParam MultiValueMap<String, String> q, @RequestBody(required = false) JsonNode b) {
        var r = new MlflowRequest(q, b);
        Run.Info info = runs.update(runId(r), r.optString("status"), r.optLong("end_time"), r.optString("run_name"));
        ObjectNode node = MlflowJson.object();
        node.set("run_info", MlflowJson.runInfo(info));
        return node;
    }

    @RequestMapping(path = "/runs/delete", method = POST)
    ObjectNode deleteRun(@RequestParam MultiValueMap<String, String> q, @RequestBody(required = false) JsonNode b) {
        runs.delete(runId(new MlflowRequest(q, b)));
        return MlflowJson.object();
    }

    @RequestMapping(path = "/runs/restore", method = POST)
    ObjectNode restoreRun(@RequestParam MultiValueMap<String, String> q, @RequestBody(required = false) JsonNode b) {
        runs.restore(runId(new MlflowRequest(q, b)));
        return MlflowJson.object();
    }

    @RequestMapping(path = "/runs/log-metric", method = POST)
    ObjectNode logMetric(@RequestParam MultiValueMap<String, String> q, @RequestBody(required = false) JsonNode b) {
        var r = new MlflowRequest(q, b);
        runs.logMetric(runId(r), r.string("key"), r.number("value"), r.optLong("timestamp"), r.optLong("step"));
        return MlflowJson.object();
    }

    @RequestMapping(path = "/runs/log-parameter", method = POST)
    ObjectNode logParam(@RequestParam MultiValueMap<String, String> q, @RequestBody(required = false) JsonNode b) {
        var r = new MlflowRequest(q, b);
        runs.logParam(runId(r), r.string("key"), r.optString("value") == null ? "" : r.optString("value"));
        return MlflowJson.object();
    }

    @RequestMapping(path = "/runs/set-tag", method = POST)
    ObjectNode setTag(@RequestParam MultiValueMap<String, String> q, @RequestBody(required = false) JsonNode b) {
        var r = new MlflowRequest(q, b);
        runs.setTag(runId(r), r.string("key"), r.optString("value") == null ? "" : r.optString("value"));
        return MlflowJson.object();
    }

    @RequestMapping(path = "/runs/delete-tag", method = POST)
    ObjectNode deleteTag(@RequestParam MultiValueMap<String, String> q, @RequestBody(required = false) JsonNode b) {
        var r = new MlflowRequest(q, b);
        runs.deleteTag(runId(r), r.string("key"));
        return MlflowJson.object();
    }

    @RequestMapping(path = "/runs/log-batch", method = POST)
    ObjectNode logBatch(@RequestParam MultiValueMap<String, String> q, @RequestBody(required = false) JsonNode b,
            HttpServletRequest request) {
        long limit = properties.maxLogBatchBytes().toBytes();
        if (request.getContentLengthLong() > limit) {
            throw new InvalidInput("body", "Batched logging API requests must be at most " + limit + " bytes, got a "
                    + request.getContentLengthLong() + "-byte request.");
        }
        var r = new MlflowRequest(q, b);
        List<JsonNode> metricNodes = r.nodes("metrics");
        List<JsonNode> paramNodes = r.nodes("params");
        List<JsonNode> tagNodes = r.nodes("tags");
        Runs.checkLimits(metricNodes.size(), paramNodes.size(), tagNodes.size());
        List<Run.Metric> metrics = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (JsonNode m : metricNodes) {
            if (!m.hasNonNull("key") || !m.hasNonNull("value")) {
                throw new InvalidInput("metrics", "every metric needs a 'key' and a 'value', got " + m);
            }
            metrics.add(new Run.Metric(m.get("key").asString(), value(m.get("value")),
                    m.hasNonNull("timestamp") ? m.get("timestamp").asLong() : now, m.path("step").asLong(0)));
        }
        List<Run.Param> params = paramNodes.stream()
                .map(p -> new Run.Param(p.path("key").asString(null), p.path("value").asString(""))).toList();
        List<Run.Tag> tags = tagNodes.stream()
                .map(t -> new Run.Tag(t.path("key").asString(null), t.path("value").asString(""))).toList();
        runs.logBatch(runId(r), metrics, params, tags);
        return MlflowJson.object();
    }

    @RequestMapping(path = "/runs/search", method = {GET, POST})
    ObjectNode searchRuns(@RequestParam MultiValueMap<String, String> q, @RequestBody(required = false) JsonNode b) {
        var r = new MlflowRequest(q, b);
        Page<Run> page = runs.search(r.strings("experiment_ids"), r.optString("filter"), r.optString("run_view_type"),
                r.maxResults(1000, properties.maxSearchResults()), r.strings("order_by"), r.optString("page_token"));
        return MlflowJson.list("runs", page.items(), MlflowJson::run, page.nextPageToken());
    }

    @RequestMapping(path = "/metrics/get-history", method = {GET, POST})
    ObjectNode metricHistory(@RequestParam MultiValueMap<String, String> q, @RequestBody(required = false) JsonNode b) {
        var r = new MlflowRequest(q, b);
        return MlflowJson.list("metrics", runs.metricHistory(runId(r), r.string("metric_key")), MlflowJson::metric, null);
    }

    @RequestMapping(path = "/artifacts/list", method = {GET, POST})
    ObjectNode listArtifacts(@RequestParam MultiValueMap<String, String> q, @RequestBody(required = false) JsonNode b) {
        var r = new MlflowRequest(q, b);
        Run.Info info = runs.info(runId(r));
        ObjectNode node = MlflowJson.object();
        node.put("root_uri", info.artifactUri());
        ArrayNode files = node.putArray("files");
        for (ArtifactStore.Entry entry : artifacts.list(Artifact.RUN, info.runId(), r.optString("path"))) {
            ObjectNode file = files.addObject().put("path", entry.path()).put("is_dir", entry.isDir());
            if (entry.fileSize() != null) {
                file.put("file_size", entry.fileSize());
            }
        }
        return node;
    }

    private static String runId(MlflowRequest r) {
        String runId = r.optString("run_id");
        return runId == null || runId.isEmpty() ? r.string("run_uuid") : runId;
    }

    private static double value(JsonNode value) {
        if (value.isNumber()) {
            return value.asDouble();
        }
        try {
            return Double.parseDouble(value.asString());
        }
        catch (NumberFormatException ex) {
            throw new InvalidInput("metrics", "Got invalid value " + value + " for metric; expected a number");
        }
    }
}
