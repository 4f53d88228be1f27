package io.vishwaops.training.run;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vishwaops.contracts.datasets.ColumnSpec;
import io.vishwaops.contracts.datasets.DatasetSchema;
import io.vishwaops.contracts.training.TrainingJobCompleted;
import io.vishwaops.mlcore.bundle.InputSignature;
import io.vishwaops.mlcore.bundle.ModelBundle;
import io.vishwaops.mlcore.bundle.ModelBundles;
import io.vishwaops.mlcore.bundle.Provenance;
import io.vishwaops.mlcore.bundle.ReferenceProfile;
import io.vishwaops.mlcore.expression.ValueType;
import io.vishwaops.mlcore.pipeline.FeaturePipeline;
import io.vishwaops.mlcore.pipeline.InputColumn;
import io.vishwaops.mlcore.pipeline.PipelineSpecException;
import io.vishwaops.mlcore.select.Evaluation;
import io.vishwaops.mlcore.select.ModelSelection;
import io.vishwaops.mlcore.select.Report;
import io.vishwaops.mlcore.select.SearchSpace;
import io.vishwaops.mlcore.select.SelectionResult;
import io.vishwaops.mlcore.select.SelectionSpec;
import io.vishwaops.mlcore.select.Trial;
import io.vishwaops.mlcore.train.Algorithm;
import io.vishwaops.mlcore.train.Model;
import io.vishwaops.mlcore.train.Splits;
import io.vishwaops.mlcore.train.Task;
import io.vishwaops.mlcore.train.TrainingSet;
import io.vishwaops.training.TrainingProperties;
import io.vishwaops.training.dataset.DatasetCatalog;
import io.vishwaops.training.dataset.SnapshotInfo;
import io.vishwaops.training.dataset.SnapshotSource;
import io.vishwaops.training.job.JobControl;
import io.vishwaops.training.job.JobRunner;
import io.vishwaops.training.job.Jobs;
import io.vishwaops.training.job.TrainingJob;
import io.vishwaops.training.pipeline.PipelineDefinition;
import io.vishwaops.training.pipeline.Pipelines;
import io.vishwaops.training.pipeline.StoredPipeline;
import io.vishwaops.training.registry.Registry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs one training job: snapshot → rows (hash checked) → labels → seeded split → feature pipeline fitted on the
 * training part → cross-validated model selection (every trial a child run in the registry) → final fit of the best →
 * evaluation on the held-out part → model bundle → registered version → promotion gate.
 */
@Component
class TrainingRunner implements JobRunner {

    private static final Logger log = LoggerFactory.getLogger(TrainingRunner.class);

    private final Pipelines pipelines;
    private final Jobs jobs;
    private final SnapshotSource snapshots;
    private final DatasetCatalog datasets;
    private final Registry registry;
    private final PromotionGate gate;
    private final TrainingProperties properties;
    private final MeterRegistry meters;
    private final JsonMapper json;

    TrainingRunner(Pipelines pipelines, Jobs jobs, SnapshotSource snapshots, DatasetCatalog datasets,
            Registry registry, PromotionGate gate, TrainingProperties properties, MeterRegistry meters,
            JsonMapper json) {
        this.pipelines = pipelines;
        this.jobs = jobs;
        this.snapshots = snapshots;
        this.datasets = datasets;
        this.registry = registry;
        this.gate = gate;
        this.properties = properties;
        this.meters = meters;
        this.json = json;
    }

    @Override
    public void run(TrainingJob job, JobControl control) {
        StoredPipeline stored = pipelines.version(job.pipeline(), job.pipelineVersion());
        PipelineDefinition spec = stored.spec();
        Task task = spec.taskValue();
        long seed = spec.seedOrDefault();
        if (job.parentRunId() != null) {
            abandon(job.parentRunId());
        }

        control.stage("snapshot");
        SnapshotInfo snapshot = job.snapshotId() != null ? snapshots.find(job.snapshotId())
                : snapshots.create(spec.dataset());
        if (!spec.dataset().equals(snapshot.dataset())) {
            throw new IllegalStateException("snapshot " + snapshot.id() + " is of dataset '" + snapshot.dataset()
                    + "', the pipeline trains on '" + spec.dataset() + "'");
        }
        control.snapshot(snapshot.id());
        DatasetSchema schema = datasets.version(spec.dataset(), snapshot.schemaVersion())
                .or(() -> datasets.current(spec.dataset()))
                .orElseThrow(() -> new IllegalStateException("dataset '" + spec.dataset() + "' is not defined"));

        control.stage("rows");
        List<Map<String, Object>> raw = snapshots.rows(snapshot);
        Map<String, ValueType> types = new LinkedHashMap<>();
        List<InputColumn> columns = new ArrayList<>();
        for (ColumnSpec c : schema.columns()) {
            types.put(c.name(), ValueType.ofColumnType(c.type()));
            columns.add(new InputColumn(c.name(), c.type(), c.nullable() == null || c.nullable(),
                    c.allowedValues()));
        }
        Labels labels = Labels.of(spec, task, types, raw);
        Splits.Split split = labels.isClassification()
                ? Splits.stratified(labels.classes(), spec.testShareOrDefault(), seed)
                : Splits.random(labels.rows().size(), spec.testShareOrDefault(), seed);
        List<Map<String, Object>> trainRows = labels.rowsAt(split.train());
        List<Map<String, Object>> testRows = labels.rowsAt(split.test());
        if (testRows.isEmpty()) {
            throw new IllegalStateException("the snapshot has " + labels.rows().size()
                    + " labelled rows: too few to hold any out for testing");
        }
        FeaturePipeline features;
        try {
            features = FeaturePipeline.fit(spec.features().toSpec(), columns, trainRows);
        }
        catch (PipelineSpecException ex) {
            throw new IllegalStateException(specField(ex.field()) + ": " + ex.getMessage(), ex);
        }
        double[][] xTrain = features.transform(trainRows);
        double[][] xTest = features.transform(testRows);
        TrainingSet train = labels.isClassification()
                ? TrainingSet.classification(xTrain, labels.classesAt(split.train()), labels.classNames())
                : TrainingSet.regression(xTrain, labels.targetsAt(split.train()));
        TrainingSet test = labels.isClassification()
                ? TrainingSet.classification(xTest, labels.classesAt(split.test()), labels.classNames())
                : TrainingSet.regression(xTest, labels.targetsAt(split.test()));

        SelectionSpec selection = new SelectionSpec(task, spec.candidates().stream()
                .map(c -> new SearchSpace(Algorithm.of(c.algorithm()), c.grid())).toList(),
                spec.strategyOrDefault(), spec.search() == null || spec.search().maxTrials() == null ? 1
                        : spec.search().maxTrials(),
                spec.cvFoldsOrDefault(), spec.primaryMetricOrDefault(), seed, Math.max(1, properties.trialThreads()));
        int total = ModelSelection.trialCount(selection);

        String experiment = registry.experiment(spec.name());
        String parentRun = registry.createRun(experiment, "job " + job.id() + " (attempt " + job.attempt() + ")",
                lineageTags(job, stored, snapshot));
        control.parentRun(parentRun);
        try {
            Outcome outcome = train(job, control, stored, snapshot, labels, split, features, train, test, testRows,
                    selection, total, experiment, parentRun);
            registry.finishRun(parentRun, "FINISHED");
            if (!jobs.succeed(control.attempt(), outcome.result(), outcome.event())) {
                log.info("Training job {} finished but is no longer this worker's; its result is dropped", job.id());
            }
        }
        catch (RuntimeException ex) {
            finishQuietly(parentRun, control.cancelRequested() ? "KILLED" : "FAILED");
            throw ex;
        }
    }

    private record Outcome(JsonNode result, TrainingJobCompleted event) {
    }

    private Outcome train(TrainingJob job, JobControl control, StoredPipeline stored, SnapshotInfo snapshot,
            Labels labels, Splits.Split split, FeaturePipeline features, TrainingSet train, TrainingSet test,
            List<Map<String, Object>> testRows, SelectionSpec selection, int total, String experiment,
            String parentRun) {
        PipelineDefinition spec = stored.spec();
        long seed = spec.seedOrDefault();
        control.stage("selection");
        control.trials(0, total);
        Map<Integer, String> childRuns = new LinkedHashMap<>();
        List<Trial> finished = new ArrayList<>();
        boolean higherIsBetter = Evaluation.higherIsBetter(selection.primaryMetric());
        SelectionResult result = ModelSelection.run(selection, train, (trial, done, all) -> {
            Timer.builder("vops.training.trial.duration").description("Wall time of one candidate's cross-validation")
                    .tag("algorithm", trial.algorithm().id()).tag("outcome", trial.failed() ? "failed" : "scored")
                    .register(meters).record(trial.fitTime());
            childRuns.put(trial.index(), logTrial(experiment, parentRun, trial, spec));
            finished.add(trial);
            control.trials(done, all);
            // the board so far, so a long search can be followed: the same order the final one has
            control.leaderboard(leaderboard(new SelectionResult(ranked(finished, higherIsBetter), null), childRuns));
        }, control::stopRequested);
        control.leaderboard(leaderboard(result, childRuns));
        if (result.best() == null) {
            throw new IllegalStateException("every trial failed; first: " + result.leaderboard().getFirst().error());
        }

        control.stage("final-fit");
        Trial best = result.best();
        Model model = ModelSelection.fit(selection, best, train);
        Report report = Evaluation.report(model, test, features.outputNames(), seed);
        Map<String, Double> metrics = report.metrics();
        // Drift's reference is the snapshot the model learned from, held-out rows included: a sample of the training
        // part alone can miss a rare category (two students of 395 have Fedu 0) that live traffic then shows, and a
        // chi-square test reads a category the reference never had as certain drift.
        int[] every = java.util.stream.IntStream.concat(java.util.Arrays.stream(split.train()),
                java.util.Arrays.stream(split.test())).toArray();
        List<Map<String, Object>> referenceRows = labels.rowsAt(every);
        double[] predicted = model.predict(features.transform(referenceRows));
        List<Object> predictions = new ArrayList<>(predicted.length);
        for (double p : predicted) {
            predictions.add(labels.isClassification() ? labels.classNames().get((int) p) : (Object) p);
        }
        ReferenceProfile reference = ReferenceProfile.of(features, referenceRows, predictions,
                ReferenceProfile.DEFAULT_SAMPLE, seed);
        InputSignature signature = new InputSignature(features.inputs(), spec.target().outputName(),
                labels.isClassification() ? "categorical" : "numeric",
                labels.isClassification() ? labels.classNames() : List.of());
        Provenance provenance = new Provenance(spec.name(), pipelines.canonical(spec), spec.dataset(),
                snapshot.id().toString(), snapshot.sha256(), snapshot.schemaVersion(), best.algorithm().id(),
                model.parameters(), seed, Provenance.currentVersions(), Instant.now());
        ModelBundle bundle = new ModelBundle(signature, features, model, reference, provenance, metrics);
        byte[] bytes = ModelBundles.toBytes(bundle);

        control.stage("registering");
        Map<String, String> params = new LinkedHashMap<>();
        params.put("algorithm", best.algorithm().id());
        model.parameters().forEach((k, v) -> params.put(k, String.valueOf(v)));
        params.put("pipeline.version", String.valueOf(stored.version()));
        params.put("seed", String.valueOf(seed));
        params.put("cv_folds", String.valueOf(spec.cvFoldsOrDefault()));
        params.put("test_share", String.valueOf(spec.testShareOrDefault()));
        params.put("primary_metric", spec.primaryMetricOrDefault());
        params.put("strategy", spec.strategyOrDefault());
        Map<String, Double> runMetrics = new LinkedHashMap<>();
        metrics.forEach((k, v) -> runMetrics.put("test_" + k, v));
        best.cvMean().forEach((k, v) -> runMetrics.put("cv_" + k, v));
        runMetrics.put("train_rows", (double) split.train().length);
        runMetrics.put("test_rows", (double) split.test().length);
        registry.log(parentRun, runMetrics, params, Map.of("vops.best.trial", String.valueOf(best.index()),
                "vops.best.run_id", childRuns.getOrDefault(best.index(), "")));
        String artifactSha = registry.uploadArtifact(parentRun, ModelBundles.ARTIFACT_PATH, bytes,
                ModelBundles.MEDIA_TYPE);
        uploadJson(parentRun, "evaluation/metrics.json", metrics);
        if (report.confusion() != null) {
            Map<String, Object> confusion = new LinkedHashMap<>();
            confusion.put("classNames", report.classNames());
            confusion.put("counts", report.confusion().counts());
            uploadJson(parentRun, "evaluation/confusion_matrix.json", confusion);
        }
        if (!report.roc().isEmpty()) {
            uploadJson(parentRun, "evaluation/roc.json", report.roc());
            uploadJson(parentRun, "evaluation/precision_recall.json", report.precisionRecall());
        }
        uploadJson(parentRun, "evaluation/feature_importance.json", report.featureImportance());
        uploadJson(parentRun, "leaderboard.json", leaderboard(result, childRuns));
        uploadJson(parentRun, "pipeline.json", spec);

        registry.ensureModel(spec.name(), spec.description());
        String version = registry.createVersion(spec.name(), parentRun, ModelBundles.ARTIFACT_PATH,
                best.algorithm().id() + " from training job " + job.id() + " on snapshot " + snapshot.id());
        log.info("Training job {} registered {} v{} ({} {}={})", job.id(), spec.name(), version,
                best.algorithm().id(), spec.primaryMetricOrDefault(), metrics.get(spec.primaryMetricOrDefault()));

        control.stage("gate");
        GateVerdict verdict = gate.judge(spec, version, metrics, new PromotionGate.TestRows(testRows,
                labels.isClassification() ? labels.classesAt(split.test()) : null, labels.classNames(),
                labels.isClassification() ? null : labels.targetsAt(split.test())));
        tagVerdict(spec.name(), version, verdict);

        ObjectNode out = json.createObjectNode();
        ObjectNode snap = out.putObject("snapshot");
        snap.put("id", snapshot.id().toString());
        snap.put("sha256", snapshot.sha256());
        snap.put("rows", snapshot.rowCount());
        ObjectNode rows = out.putObject("rows");
        rows.put("train", split.train().length);
        rows.put("test", split.test().length);
        rows.put("unlabelled", labels.unlabelled());
        ObjectNode bestNode = out.putObject("best");
        bestNode.put("trial", best.index());
        bestNode.put("algorithm", best.algorithm().id());
        bestNode.set("parameters", json.valueToTree(model.parameters()));
        bestNode.put("cv", best.primary());
        out.set("testMetrics", json.valueToTree(metrics));
        ObjectNode registered = out.putObject("registered");
        registered.put("model", spec.name());
        registered.put("version", version);
        registered.put("runId", parentRun);
        registered.put("artifactSha256", artifactSha);
        out.set("gate", json.valueToTree(verdict));
        TrainingJobCompleted event = new TrainingJobCompleted(job.id(), spec.name(), snapshot.id(),
                best.algorithm().id(), metrics, spec.name(), version, Instant.now());
        return new Outcome(out, event);
    }

    /** The primary metric in its direction, failed trials last, ties by index: ModelSelection's order. */
    static List<Trial> ranked(List<Trial> trials, boolean higherIsBetter) {
        java.util.Comparator<Trial> byScore = java.util.Comparator.comparingDouble(
                t -> higherIsBetter ? -t.primary() : t.primary());
        return trials.stream().sorted(java.util.Comparator.<Trial, Boolean>comparing(
                t -> t.failed() || !Double.isFinite(t.primary())).thenComparing(byScore)
                .thenComparingInt(Trial::index)).toList();
    }

    private String logTrial(String experiment, String parentRun, Trial trial, PipelineDefinition spec) {
        try {
            Map<String, String> tags = new LinkedHashMap<>();
            tags.put("mlflow.parentRunId", parentRun);
            tags.put("vops.pipeline", spec.name());
            tags.put("vops.trial.index", String.valueOf(trial.index()));
            if (trial.failed()) {
                tags.put("vops.trial.error", trial.error());
            }
            String runId = registry.createRun(experiment, trial.algorithm().id() + " #" + trial.index(), tags);
            Map<String, String> params = new LinkedHashMap<>();
            params.put("algorithm", trial.algorithm().id());
            trial.parameters().forEach((k, v) -> params.put(k, String.valueOf(v)));
            Map<String, Double> metrics = new LinkedHashMap<>();
            trial.cvMean().forEach((k, v) -> metrics.put("cv_" + k, v));
            trial.cvStd().forEach((k, v) -> metrics.put("cv_" + k + "_std", v));
            metrics.put("fit_seconds", trial.fitTime().toMillis() / 1000.0);
            registry.log(runId, metrics, params, Map.of());
            registry.finishRun(runId, trial.failed() ? "FAILED" : "FINISHED");
            return runId;
        }
        catch (RuntimeException ex) {
            // the trial's numbers stay in the job's leaderboard; the run is a view of them
            log.warn("Trial {} could not be logged to the registry: {}", trial.index(), ex.getMessage());
            return null;
        }
    }

    private ArrayNode leaderboard(SelectionResult result, Map<Integer, String> childRuns) {
        ArrayNode board = json.createArrayNode();
        int rank = 1;
        for (Trial trial : result.leaderboard()) {
            ObjectNode row = board.addObject();
            row.put("rank", rank++);
            row.put("trial", trial.index());
            row.put("algorithm", trial.algorithm().id());
            row.set("parameters", json.valueToTree(trial.parameters()));
            if (Double.isFinite(trial.primary())) {
                row.put("primary", trial.primary());
            }
            row.set("cvMean", finite(trial.cvMean()));
            row.set("cvStd", finite(trial.cvStd()));
            row.put("fitSeconds", trial.fitTime().toMillis() / 1000.0);
            if (trial.error() != null) {
                row.put("error", trial.error());
            }
            String runId = childRuns.get(trial.index());
            if (runId != null) {
                row.put("runId", runId);
            }
        }
        return board;
    }

    private ObjectNode finite(Map<String, Double> values) {
        ObjectNode node = json.createObjectNode();
        values.forEach((k, v) -> {
            if (v != null && Double.isFinite(v)) {
                node.put(k, v);
            }
        });
        return node;
    }

    private void tagVerdict(String model, String version, GateVerdict verdict) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("vops.gate.verdict", verdict.verdict());
        tags.put("vops.gate.passed", String.valueOf(verdict.passed()));
        for (GateVerdict.GateResult r : verdict.gates()) {
            tags.put("vops.gate." + r.metric() + (r.rule().contains("champion") ? ".champion_margin" : ".bound"),
                    r.rule() + ": " + r.value() + (r.passed() ? " passed" : " failed"));
        }
        verdict.metrics().forEach((k, v) -> tags.put("vops.gate.test." + k, String.valueOf(v)));
        if (verdict.championVersion() != null) {
            tags.put("vops.gate.champion.version", verdict.championVersion());
        }
        if (verdict.championMetrics() != null) {
            verdict.championMetrics().forEach((k, v) -> tags.put("vops.gate.champion." + k, String.valueOf(v)));
        }
        if (verdict.note() != null) {
            tags.put("vops.gate.note", verdict.note());
        }
        if (verdict.approvalId() != null) {
            tags.put("vops.gate.approval", verdict.approvalId());
        }
        tags.forEach((k, v) -> registry.setVersionTag(model, version, k, v));
    }

    private Map<String, String> lineageTags(TrainingJob job, StoredPipeline stored, SnapshotInfo snapshot) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("vops.job.id", job.id().toString());
        tags.put("vops.job.attempt", String.valueOf(job.attempt()));
        tags.put("vops.trigger", job.trigger());
        tags.put("vops.pipeline", stored.name());
        tags.put("vops.pipeline.version", String.valueOf(stored.version()));
        tags.put("vops.pipeline.sha256", stored.specSha256());
        tags.put("vops.dataset", snapshot.dataset());
        tags.put("vops.snapshot.id", snapshot.id().toString());
        tags.put("vops.snapshot.sha256", snapshot.sha256());
        tags.put("vops.ingestion.batches", snapshot.batchIds().stream().map(Object::toString)
                .collect(Collectors.joining(",")));
        return tags;
    }

    private void uploadJson(String runId, String path, Object value) {
        registry.uploadArtifact(runId, path, json.writeValueAsBytes(value), "application/json");
    }

    /** A parent run of an earlier attempt whose worker died: it will never finish, so it is marked killed. */
    private void abandon(String runId) {
        finishQuietly(runId, "KILLED");
    }

    private void finishQuietly(String runId, String status) {
        try {
            registry.finishRun(runId, status);
        }
        catch (RuntimeException ex) {
            log.warn("Run {} could not be marked {}: {}", runId, status, ex.getMessage());
        }
    }

    /** ml-core names spec fields as its own spec does; the pipeline author wrote them under {@code features}. */
    static String specField(String field) {
        if (field.startsWith("features[")) {
            return "features.columns" + field.substring("features".length());
        }
        if (field.startsWith("columns.")) {
            return "features.perColumn." + field.substring("columns.".length());
        }
        return "features." + field;
    }
}
