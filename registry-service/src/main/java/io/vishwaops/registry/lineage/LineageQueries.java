package io.vishwaops.registry.lineage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.vishwaops.registry.audit.AuditLog;
import io.vishwaops.registry.model.ModelRegistry;
import io.vishwaops.registry.model.ModelVersion;
import io.vishwaops.registry.run.Run;
import io.vishwaops.registry.run.Runs;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Lineage and model cards, built from what the registry already holds. */
@Service
public class LineageQueries {

    private final ModelRegistry registry;
    private final Runs runs;
    private final AuditLog audit;

    LineageQueries(ModelRegistry registry, Runs runs, AuditLog audit) {
        this.registry = registry;
        this.runs = runs;
        this.audit = audit;
    }

    @Transactional(readOnly = true)
    public Lineage lineage(String model, String version) {
        ModelVersion found = registry.version(model, version);
        if (found.runId() == null) {
            return new Lineage(Lineage.model(found), null, null,
                    found.snapshotSha256() == null ? null : new Lineage.SnapshotRef(null, found.snapshotSha256()), List.of());
        }
        Run run = runs.get(found.runId());
        Map<String, String> tags = run.tags();
        Map<String, Double> metrics = new LinkedHashMap<>();
        run.metrics().forEach(m -> metrics.put(m.key(), m.value()));
        Run.Info info = run.info();
        String snapshot = found.snapshotSha256() != null ? found.snapshotSha256() : tags.get(Lineage.SNAPSHOT_TAG);
        return new Lineage(Lineage.model(found),
                new Lineage.RunRef(info.runId(), info.experimentId(), info.runName(), info.status(), info.userId(),
                        info.startTime(), info.endTime(), run.params(), metrics),
                tags.containsKey(Lineage.PIPELINE_TAG) || tags.containsKey(Lineage.PIPELINE_SHA_TAG)
                        ? new Lineage.PipelineRef(tags.get(Lineage.PIPELINE_TAG), tags.get(Lineage.PIPELINE_SHA_TAG))
                        : null,
                snapshot == null && !tags.containsKey(Lineage.DATASET_TAG) ? null
                        : new Lineage.SnapshotRef(tags.get(Lineage.DATASET_TAG), snapshot),
                Lineage.batches(tags.get(Lineage.BATCHES_TAG)));
    }

    /** A model card: what the version is for, how it was made, how well it did, and its governance trail. */
    public record ModelCard(String model, String version, String description, String intendedUse,
            String limitations, String stage, List<String> aliases, Map<String, Double> metrics,
            Map<String, String> parameters, Lineage lineage, List<String> history) {
    }

    @Transactional(readOnly = true)
    public ModelCard card(String model, String version) {
        ModelVersion found = registry.version(model, version);
        Map<String, String> modelTags = registry.get(model).tags();
        Lineage lineage = lineage(model, version);
        String intendedUse = found.tags().getOrDefault("vops.intended_use", modelTags.get("vops.intended_use"));
        String limitations = found.tags().getOrDefault("vops.limitations", modelTags.get("vops.limitations"));
        List<String> history = new ArrayList<>();
        for (AuditLog.Entry entry : audit.search(new AuditLog.Query("model-version", model + "/" + version, null, null,
                null, null, null, 200))) {
            history.add(entry.at() + " " + entry.action() + " by " + entry.actor()
                    + (entry.reason() == null ? "" : " (" + entry.reason() + ")"));
        }
        return new ModelCard(model, version, found.description(), intendedUse, limitations, found.currentStage(),
                found.aliases(), lineage.run() == null ? Map.of() : lineage.run().metrics(),
                lineage.run() == null ? Map.of() : lineage.run().params(), lineage, history);
    }

    /** The card as Markdown, for people. */
    public static String markdown(ModelCard card) {
        StringBuilder md = new StringBuilder();
        md.append("# Model card: ").append(card.model()).append(" version ").append(card.version()).append("\n\n");
        md.append(card.description() == null || card.description().isBlank() ? "_No description._" : card.description())
                .append("\n\n");
        md.append("- **Stage:** ").append(card.stage()).append('\n');
        md.append("- **Aliases:** ").append(card.aliases().isEmpty() ? "none" : String.join(", ", card.aliases())).append('\n');
        md.append("- **Intended use:** ").append(card.intendedUse() == null ? "not stated (tag vops.intended_use)" : card.intendedUse()).append('\n');
        md.append("- **Limitations:** ").append(card.limitations() == null ? "not stated (tag vops.limitations)" : card.limitations()).append("\n\n");
        md.append("## Metrics\n\n");
        if (card.metrics().isEmpty()) {
            md.append("_None logged._\n");
        }
        card.metrics().forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
        md.append("\n## Training data and lineage\n\n");
        Lineage lineage = card.lineage();
        md.append("- **Run:** ").append(lineage.run() == null ? "none" : lineage.run().runId()).append('\n');
        md.append("- **Pipeline:** ").append(lineage.pipeline() == null ? "unknown" : lineage.pipeline().name()
                + (lineage.pipeline().sha256() == null ? "" : " (sha-256 " + lineage.pipeline().sha256() + ")")).append('\n');
        md.append("- **Dataset snapshot:** ").append(lineage.snapshot() == null ? "unknown"
                : (lineage.snapshot().dataset() == null ? "" : lineage.snapshot().dataset() + " ") + "sha-256 "
                        + lineage.snapshot().sha256()).append('\n');
        md.append("- **Ingestion batches:** ").append(lineage.ingestionBatches().isEmpty() ? "unknown"
                : String.join(", ", lineage.ingestionBatches())).append('\n');
        md.append("- **Bundle:** ").append(lineage.model().artifactUri() == null ? "not stored in the registry"
                : lineage.model().artifactUri() + " (sha-256 " + lineage.model().artifactSha256() + ")").append("\n\n");
        md.append("## Parameters\n\n");
        card.parameters().forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
        md.append("\n## History\n\n");
        card.history().forEach(h -> md.append("- ").append(h).append('\n'));
        return md.toString();
    }
}
