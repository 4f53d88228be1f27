package io.vishwaops.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

@Command(name = "drift", description = "A served model's drift: per feature the method, score, threshold and verdict.")
final class DriftCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "MODEL")
    String model;

    @Override
    public void run() {
        Vops vops = Vops.of(spec);
        JsonNode drift = vops.gateway().get("/api/v1/monitoring/models/" + Gateway.segment(model) + "/drift");
        Output.Table table = new Output.Table("FEATURE", "METHOD", "SCORE", "THRESHOLD", "DRIFTED");
        JsonNode features = drift.path("features");
        if (features.isArray()) {
            for (JsonNode f : features) {
                table.row(f.path("feature").isMissingNode() ? f.path("name") : f.path("feature"), f.path("method"),
                        f.path("score"), f.path("threshold"), f.path("drifted").asBoolean() ? "yes" : "no");
            }
        } else {
            features.properties().forEach(e -> table.row(e.getKey(), e.getValue().path("method"),
                    e.getValue().path("score"), e.getValue().path("threshold"),
                    e.getValue().path("drifted").asBoolean() ? "yes" : "no"));
        }
        vops.output().either(drift, table);
    }
}
