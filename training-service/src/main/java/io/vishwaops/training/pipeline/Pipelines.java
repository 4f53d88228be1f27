package io.vishwaops.training.pipeline;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import io.vishwaops.contracts.datasets.DatasetSchema;
import io.vishwaops.problems.InvalidInput;
import io.vishwaops.training.dataset.DatasetCatalog;

import org.springframework.stereotype.Service;

import tools.jackson.databind.json.JsonMapper;

/** Defines, validates, versions and finds training pipelines. */
@Service
public class Pipelines {

    private final PipelineStore store;
    private final DatasetCatalog datasets;
    private final JsonMapper json;

    Pipelines(PipelineStore store, DatasetCatalog datasets, JsonMapper json) {
        this.store = store;
        this.datasets = datasets;
        this.json = json;
    }

    /** What saving did: the stored version, and whether it is new. */
    public record Saved(StoredPipeline pipeline, boolean created) {
    }

    /** Validates the spec against its dataset and stores it as the pipeline's next version (unless unchanged). */
    public Saved save(String name, PipelineDefinition spec, String actor) {
        PipelineDefinition named = named(name, spec);
        validate(named);
        String canonical = canonical(named);
        String sha = sha256(canonical);
        int before = store.latest(name).map(StoredPipeline::version).orElse(0);
        StoredPipeline stored = store.save(name, canonical, sha, actor);
        return new Saved(stored, stored.version() > before);
    }

    /** Checks the spec without storing it; throws {@link InvalidInput} listing every mistake. */
    public void validate(String name, PipelineDefinition spec) {
        validate(named(name, spec));
    }

    private void validate(PipelineDefinition spec) {
        DatasetSchema schema = spec.dataset() == null || spec.dataset().isBlank() ? null
                : datasets.current(spec.dataset()).orElse(null);
        PipelineValidator.check(spec, schema);
    }

    public StoredPipeline latest(String name) {
        return store.latest(name).orElseThrow(() -> new PipelineNotFound(name));
    }

    public StoredPipeline version(String name, int version) {
        return store.version(name, version).orElseThrow(() -> new PipelineNotFound(name + " version " + version));
    }

    public List<StoredPipeline> versions(String name) {
        List<StoredPipeline> versions = store.versions(name);
        if (versions.isEmpty()) {
            throw new PipelineNotFound(name);
        }
        return versions;
    }

    public List<StoredPipeline> all() {
        return store.all();
    }

    /** The spec's canonical JSON: records serialize their members in declaration order, so equal specs hash equal. */
    public String canonical(PipelineDefinition spec) {
        return json.writeValueAsString(spec);
    }

    private static PipelineDefinition named(String name, PipelineDefinition spec) {
        if (spec.name() != null && !spec.name().equals(name)) {
            throw new InvalidInput("name", "the spec is named '" + spec.name() + "' but was sent to '" + name + "'");
        }
        return new PipelineDefinition(name, spec.description(), spec.dataset(), spec.target(), spec.task(),
                spec.features(), spec.candidates(), spec.search(), spec.testShare(), spec.cvFolds(), spec.seed(),
                spec.primaryMetric(), spec.gates(), spec.approval(), spec.schedule(), spec.retrainOnSnapshot());
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
