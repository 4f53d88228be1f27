package io.vishwaops.training.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.vishwaops.mlcore.bundle.ModelBundle;
import io.vishwaops.mlcore.bundle.ModelBundles;
import io.vishwaops.mlcore.select.Evaluation;
import io.vishwaops.mlcore.train.ClassificationModel;
import io.vishwaops.mlcore.train.TrainingSet;
import io.vishwaops.training.pipeline.MetricNames;
import io.vishwaops.training.pipeline.PipelineDefinition;
import io.vishwaops.training.registry.Registry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Compares a new version with the current champion on the same held-out rows, applies the pipeline's gates, and moves
 * the aliases as its approval policy says: a passing version becomes {@code challenger}; with {@code auto} also
 * {@code champion} (a conditional move, so a concurrent promotion is never overwritten), with {@code manual} an
 * approval request for {@code champion} is opened.
 */
@Component
class PromotionGate {

    static final String CHAMPION = "champion";
    static final String CHALLENGER = "challenger";

    private static final Logger log = LoggerFactory.getLogger(PromotionGate.class);

    private final Registry registry;

    PromotionGate(Registry registry) {
        this.registry = registry;
    }

    /** The held-out part: raw rows and their labels, as the new model was tested on. */
    record TestRows(List<Map<String, Object>> rows, int[] classes, List<String> classNames, double[] targets) {
    }

    GateVerdict judge(PipelineDefinition spec, String version, Map<String, Double> metrics, TestRows test) {
        String model = spec.name();
        Optional<Registry.AliasTarget> champion = registry.alias(model, CHAMPION);
        Map<String, Double> championMetrics = null;
        String note = null;
        if (champion.isPresent()) {
            try {
                championMetrics = championMetrics(champion.get(), test);
            }
            catch (RuntimeException ex) {
                note = "champion v" + champion.get().version() + " could not be measured on the test rows: "
                        + ex.getMessage();
                log.warn("Gate of {} v{}: {}", model, version, note);
            }
        }
        List<GateVerdict.GateResult> results = new ArrayList<>();
        for (PipelineDefinition.Gate gate : spec.gates()) {
            results.add(apply(gate, metrics, champion.map(Registry.AliasTarget::version).orElse(null),
                    championMetrics));
        }
        boolean passed = results.stream().allMatch(GateVerdict.GateResult::passed);
        String championVersion = champion.map(Registry.AliasTarget::version).orElse(null);
        if (!passed) {
            return new GateVerdict("rejected", false, results, metrics, championVersion, championMetrics, note, null);
        }
        String reason = "training job passed the gates of pipeline " + model;
        registry.move(model, CHALLENGER, version, reason);
        if ("manual".equals(spec.approvalOrDefault())) {
            registry.requireApproval(model, CHAMPION, true);
            Registry.MoveRequest request = registry.requestMove(model, CHAMPION, version, reason);
            return new GateVerdict(request.pending() ? "proposed" : "promoted", true, results, metrics, championVersion,
                    championMetrics, note, request.approvalId());
        }
        Registry.MoveOutcome moved = registry.moveIf(model, CHAMPION, version, championVersion, reason);
        return switch (moved) {
            case MOVED -> new GateVerdict("promoted", true, results, metrics, championVersion, championMetrics, note,
                    null);
            case MOVED_MEANWHILE -> new GateVerdict("passed", true, results, metrics, championVersion,
                    championMetrics, "champion moved while this job ran (it was v" + championVersion
                            + "); not promoted over a version it was not compared with", null);
            case NEEDS_APPROVAL -> {
                Registry.MoveRequest request = registry.requestMove(model, CHAMPION, version, reason);
                yield new GateVerdict("proposed", true, results, metrics, championVersion, championMetrics,
                        "champion is guarded by an approval policy", request.approvalId());
            }
        };
    }

    static GateVerdict.GateResult apply(PipelineDefinition.Gate gate, Map<String, Double> metrics,
            String championVersion, Map<String, Double> championMetrics) {
        String metric = gate.metric();
        Double value = metrics.get(metric);
        boolean higher = MetricNames.higherIsBetter(metric);
        if (gate.beatChampionBy() != null) {
            String rule = metric + " beats champion by " + gate.beatChampionBy();
            if (championVersion == null) {
                return new GateVerdict.GateResult(metric, rule, value, null, true, "no champion yet");
            }
            Double champion = championMetrics == null ? null : championMetrics.get(metric);
            if (champion == null || value == null) {
                return new GateVerdict.GateResult(metric, rule, value, null, false,
                        "champion v" + championVersion + " could not be compared on " + metric);
            }
            double threshold = higher ? champion + gate.beatChampionBy() : champion - gate.beatChampionBy();
            boolean passed = higher ? value >= threshold : value <= threshold;
            return new GateVerdict.GateResult(metric, rule, value, threshold, passed,
                    "champion v" + championVersion + " scored " + champion);
        }
        double bound = gate.min() != null ? gate.min() : gate.max();
        String rule = metric + (gate.min() != null ? " >= " : " <= ") + bound;
        if (value == null) {
            return new GateVerdict.GateResult(metric, rule, null, bound, false, metric + " is undefined on the test rows");
        }
        boolean passed = gate.min() != null ? value >= bound : value <= bound;
        return new GateVerdict.GateResult(metric, rule, value, bound, passed, null);
    }

    /** The champion's bundle, checked against the registry's sha-256, measured on the new version's test rows. */
    private Map<String, Double> championMetrics(Registry.AliasTarget champion, TestRows test) {
        String prefix = "runs:/" + champion.runId() + "/";
        if (champion.runId() == null || champion.source() == null || !champion.source().startsWith(prefix)) {
            throw new IllegalStateException("its source " + champion.source() + " is not a run artifact");
        }
        byte[] bytes = registry.downloadArtifact(champion.runId(), champion.source().substring(prefix.length()));
        String sha = ModelBundles.sha256(bytes);
        if (champion.artifactSha256() == null || !champion.artifactSha256().equals(sha)) {
            throw new IllegalStateException("its bundle hashes to " + sha + ", the registry recorded "
                    + champion.artifactSha256());
        }
        ModelBundle bundle = ModelBundles.fromBytes(bytes);
        double[][] x = bundle.pipeline().transform(test.rows());
        TrainingSet rows;
        if (test.classes() != null) {
            if (!(bundle.model() instanceof ClassificationModel classifier)) {
                throw new IllegalStateException("it is not a classifier");
            }
            List<String> theirs = classifier.classNames();
            int[] labels = new int[test.classes().length];
            for (int i = 0; i < labels.length; i++) {
                String name = test.classNames().get(test.classes()[i]);
                labels[i] = theirs.indexOf(name);
                if (labels[i] < 0) {
                    throw new IllegalStateException("it does not know class '" + name + "' (it knows " + theirs + ")");
                }
            }
            rows = TrainingSet.classification(x, labels, theirs);
        }
        else {
            rows = TrainingSet.regression(x, test.targets());
        }
        return Evaluation.metrics(bundle.model(), rows);
    }
}
