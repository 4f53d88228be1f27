package io.vishwaops.cli;

import java.nio.file.Path;
import java.time.Duration;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

@Command(name = "datasets", description = "Define datasets, propose a schema from a file, send records in.",
        subcommands = {DatasetsCommand.Create.class, DatasetsCommand.Infer.class, DatasetsCommand.Ingest.class,
                DatasetsCommand.ListDatasets.class, DatasetsCommand.Show.class})
final class DatasetsCommand {

    @Command(name = "create", description = "Define a dataset from a JSON or YAML file (a new schema version if it exists).")
    static final class Create implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "the dataset definition (.json, .yaml)")
        Path file;

        @Option(names = "--allow-incompatible", description = "accept a change that breaks records valid under the current version")
        boolean allowIncompatible;

        @Override
        public void run() {
            Vops vops = Vops.of(spec);
            JsonNode definition = LocalFiles.document(file);
            String name = definition.path("name").asString("");
            if (name.isEmpty()) {
                throw new CliException(CliException.BAD_FILE, file + ": the definition has no \"name\"");
            }
            Gateway gateway = vops.gateway();
            JsonNode saved = gateway.status("/api/v1/datasets/" + Gateway.segment(name)) == 404
                    ? gateway.post("/api/v1/datasets", definition)
                    : gateway.put("/api/v1/datasets/" + Gateway.segment(name)
                            + (allowIncompatible ? "?allowIncompatible=true" : ""), definition);
            vops.output().either(saved, "dataset " + name + " version " + Output.text(saved.path("version")) + " saved");
        }
    }

    @Command(name = "infer", description = "Propose a dataset definition from a sample CSV; prints it as JSON to edit and create.")
    static final class Infer implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "a CSV file (',' or ';' separated)")
        Path file;

        @Option(names = "--name", description = "the dataset's name (default: the file name)")
        String name;

        @Option(names = "--target", description = "the column to predict")
        String target;

        @Override
        public void run() {
            Vops vops = Vops.of(spec);
            LocalFiles.existing(file);
            String dataset = name != null ? name : file.getFileName().toString().replaceFirst("\\.[^.]*$", "")
                    .replaceAll("[^A-Za-z0-9_-]", "-");
            JsonNode proposal = vops.gateway().send("POST", "/api/v1/datasets/infer"
                    + Gateway.query(Gateway.map("name", dataset, "target", target)), "text/csv",
                    Gateway.counting(file, sent -> { }));
            // the schema is what one saves and edits, in either output mode
            vops.output().json(proposal.has("schema") ? proposal.get("schema") : proposal);
        }
    }

    @Command(name = "ingest", description = "Send records from a CSV, JSON or NDJSON file; with --wait, until validated.")
    static final class Ingest implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "DATASET")
        String dataset;

        @Parameters(index = "1", paramLabel = "FILE")
        Path file;

        @Option(names = "--wait", description = "wait until every record is validated, then print the counts")
        boolean waitForValidation;

        @Override
        public void run() {
            Vops vops = Vops.of(spec);
            LocalFiles.existing(file);
            String mediaType = LocalFiles.recordsMediaType(file);
            long size = file.toFile().length();
            JsonNode accepted;
            try (Progress progress = Progress.onTerminal("uploading " + file.getFileName())) {
                accepted = vops.gateway().send("POST", "/api/v1/datasets/" + Gateway.segment(dataset) + "/records",
                        mediaType, Gateway.counting(file, sent -> progress.update(sent, size, null)));
            }
            String batch = accepted.path("batchId").asString("");
            if (!waitForValidation || batch.isEmpty()) {
                vops.output().either(accepted, "batch " + batch + ": " + Output.text(accepted.path("accepted"))
                        + " records accepted");
                return;
            }
            JsonNode status = waitFor(vops, batch);
            vops.output().either(status, "batch " + batch + ": received " + Output.text(status.path("received"))
                    + ", valid " + Output.text(status.path("valid")) + ", quarantined "
                    + Output.text(status.path("quarantined")));
        }

        private JsonNode waitFor(Vops vops, String batch) {
            long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
            try (Progress progress = Progress.onTerminal("validating")) {
                while (true) {
                    JsonNode status = vops.gateway().get("/api/v1/ingestions/" + Gateway.segment(batch));
                    long received = status.path("received").asLong();
                    long checked = status.path("valid").asLong() + status.path("quarantined").asLong();
                    progress.update(checked, received, checked + "/" + received);
                    if ("complete".equals(status.path("status").asString(""))) {
                        return status;
                    }
                    if (System.nanoTime() > deadline) {
                        throw new CliException(CliException.UNAVAILABLE, "batch " + batch + " still not validated after 30 minutes");
                    }
                    sleep(500);
                }
            }
        }
    }

    @Command(name = "list", description = "The datasets and their newest schema versions.")
    static final class ListDatasets implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            Vops vops = Vops.of(spec);
            JsonNode datasets = vops.gateway().get("/api/v1/datasets");
            JsonNode items = datasets.isArray() ? datasets : datasets.path("datasets");
            Output.Table table = new Output.Table("NAME", "VERSION", "TASK", "TARGET", "COLUMNS");
            for (JsonNode d : items) {
                JsonNode schema = d.path("schema");
                table.row(d.path("name"), d.path("version"), schema.path("task"), schema.path("target"),
                        schema.path("columns").size());
            }
            vops.output().either(datasets, table);
        }
    }

    @Command(name = "show", description = "One dataset's definition.")
    static final class Show implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "DATASET")
        String dataset;

        @Override
        public void run() {
            Vops vops = Vops.of(spec);
            JsonNode d = vops.gateway().get("/api/v1/datasets/" + Gateway.segment(dataset));
            Output.Table table = new Output.Table("COLUMN", "TYPE", "NULLABLE", "ALLOWED / RANGE");
            for (JsonNode c : d.path("schema").path("columns")) {
                String rule = c.path("allowedValues").isArray() && !c.path("allowedValues").isEmpty()
                        ? c.path("allowedValues").toString()
                        : c.hasNonNull("min") || c.hasNonNull("max") ? Output.text(c.path("min")) + ".." + Output.text(c.path("max")) : "";
                table.row(c.path("name"), c.path("type"), c.path("nullable"), rule);
            }
            vops.output().either(d, table);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(CliException.UNAVAILABLE, "interrupted");
        }
    }
}
