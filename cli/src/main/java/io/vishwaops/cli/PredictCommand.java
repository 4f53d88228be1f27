package io.vishwaops.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

@Command(name = "predict", description = "Ask a served model: rows as JSON, from a file, or by entity id.")
final class PredictCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "MODEL")
    String model;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;

    static final class Input {
        @Option(names = "--data", description = "a JSON object or array of objects: '{\"age\": 17, ...}'")
        String data;

        @Option(names = "--file", description = "rows in a .json (array) or .ndjson file")
        Path file;

        @Option(names = "--entity", description = "an entity id: the features come from the online store")
        List<String> entities;
    }

    @Override
    public void run() {
        Vops vops = Vops.of(spec);
        Object body;
        if (input.entities != null) {
            body = input.entities.size() == 1 ? Map.of("entityId", input.entities.getFirst())
                    : Map.of("entityIds", input.entities);
        } else {
            body = Map.of("records", rows());
        }
        JsonNode answer = vops.gateway().post("/api/v1/models/" + Gateway.segment(model) + "/predict", body);
        Output.Table table = new Output.Table("PREDICTION", "PROBABILITIES", "VERSION", "PREDICTION ID");
        JsonNode predictions = answer.has("predictions") ? answer.get("predictions") : answer;
        for (JsonNode p : predictions.isArray() ? predictions : Gateway.JSON.createArrayNode().add(predictions)) {
            table.row(p.path("prediction"), p.path("probabilities").isMissingNode() ? "" : p.path("probabilities").toString(),
                    p.hasNonNull("version") ? p.get("version") : answer.path("version"), p.path("predictionId"));
        }
        vops.output().either(answer, table);
    }

    private List<JsonNode> rows() {
        JsonNode parsed;
        try {
            if (input.data != null) {
                parsed = Gateway.JSON.readTree(input.data);
            } else {
                LocalFiles.existing(input.file);
                String text = Files.readString(input.file);
                if (input.file.toString().endsWith(".ndjson") || input.file.toString().endsWith(".jsonl")) {
                    List<JsonNode> rows = new ArrayList<>();
                    for (String line : text.split("\r?\n")) {
                        if (!line.isBlank()) {
                            rows.add(Gateway.JSON.readTree(line));
                        }
                    }
                    return rows;
                }
                parsed = Gateway.JSON.readTree(text);
            }
        } catch (JacksonException e) {
            throw new CliException(CliException.BAD_FILE, (input.data != null ? "--data" : input.file.toString())
                    + ": not valid JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new CliException(CliException.BAD_FILE, input.file + ": " + e.getMessage());
        }
        List<JsonNode> rows = new ArrayList<>();
        if (parsed.isArray()) {
            parsed.forEach(rows::add);
        } else if (parsed.isObject()) {
            rows.add(parsed);
        } else {
            throw new CliException(CliException.BAD_FILE, "rows must be a JSON object or an array of objects");
        }
        return rows;
    }
}
