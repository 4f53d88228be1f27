package io.vishwaops.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

@Command(name = "pipelines", description = "Training pipelines: apply a spec, run it, watch the job.",
        subcommands = {PipelinesCommand.Apply.class, PipelinesCommand.Run.class, PipelinesCommand.Watch.class,
                PipelinesCommand.ListPipelines.class})
final class PipelinesCommand {

    private static final Set<String> FINISHED = Set.of("succeeded", "failed", "cancelled");

    @Command(name = "apply", description = "Create or update a pipeline from a JSON or YAML spec.")
    static final class Apply implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE")
        Path file;

        @Override
        public void run() {
            Vops vops = Vops.of(spec);
            JsonNode pipeline = LocalFiles.document(file);
            String name = pipeline.path("name").asString("");
            if (name.isEmpty()) {
                throw new CliException(CliException.BAD_FILE, file + ": the spec has no \"name\"");
            }
            JsonNode saved = vops.gateway().put("/api/v1/pipelines/" + Gateway.segment(name), pipeline);
            vops.output().either(saved, "pipeline " + name + (saved.has("version") ? " version "
                    + Output.text(saved.get("version")) : "") + " saved");
        }
    }

    @Command(name = "run", description = "Start a training job; with --wait, watch it to the end.")
    static final class Run implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "PIPELINE")
        String pipeline;

        @Option(names = "--wait", description = "watch the job until it ends")
        boolean waitForJob;

        @Override
        public void run() {
            Vops vops = Vops.of(spec);
            JsonNode job = vops.gateway().post("/api/v1/pipelines/" + Gateway.segment(pipeline) + "/runs",
                    Gateway.map());
            String id = jobId(job);
            if (!waitForJob) {
                vops.output().either(job, "job " + id + " " + Output.text(job.path("status")));
                return;
            }
            watch(vops, id);
        }
    }

    @Command(name = "watch", description = "Follow a training job until it ends; exit code 5 if it failed.")
    static final class Watch implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "JOB")
        String job;

        @Override
        public void run() {
            watch(Vops.of(spec), job);
        }
    }

    @Command(name = "list", description = "The pipelines.")
    static final class ListPipelines implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            Vops vops = Vops.of(spec);
            JsonNode pipelines = vops.gateway().get("/api/v1/pipelines");
            JsonNode items = pipelines.isArray() ? pipelines : pipelines.path("pipelines");
            Output.Table table = new Output.Table("NAME", "VERSION", "DATASET", "TASK", "METRIC", "SCHEDULE");
            for (JsonNode p : items) {
                JsonNode spec = p.has("spec") ? p.get("spec") : p;
                table.row(p.path("name"), p.path("version"), spec.path("dataset"), spec.path("task"),
                        spec.path("primaryMetric"), spec.path("schedule"));
            }
            vops.output().either(pipelines, table);
        }
    }

    static String jobId(JsonNode job) {
        for (String field : new String[] {"id", "jobId"}) {
            if (job.hasNonNull(field)) {
                return job.get(field).asString();
            }
        }
        throw new CliException(CliException.UNAVAILABLE, "the platform answered without a job id: " + job);
    }

    static void watch(Vops vops, String id) {
        long deadline = System.nanoTime() + Duration.ofHours(6).toNanos();
        JsonNode job;
        try (Progress progress = Progress.onTerminal("job " + id)) {
            while (true) {
                job = vops.gateway().get("/api/v1/training-jobs/" + Gateway.segment(id));
                String status = job.path("status").asString("").toLowerCase(Locale.ROOT);
                JsonNode p = job.path("progress");
                long done = p.path("trialsDone").asLong(job.path("trialsDone").asLong());
                long total = p.path("trialsTotal").asLong(job.path("trialsTotal").asLong());
                progress.update(done, total, status + (p.hasNonNull("etaSeconds") ? ", about "
                        + p.get("etaSeconds").asLong() + " s left" : ""));
                if (FINISHED.contains(status)) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new CliException(CliException.UNAVAILABLE, "job " + id + " still running after 6 hours");
                }
                DatasetsCommand.sleep(1000);
            }
        }
        String status = job.path("status").asString("").toLowerCase(Locale.ROOT);
        JsonNode result = job.path("result");
        String summary = "job " + id + " " + status
                + (result.path("registered").hasNonNull("version") ? ": " + Output.text(result.at("/registered/model"))
                        + " version " + Output.text(result.at("/registered/version")) : "")
                + (result.path("best").hasNonNull("algorithm") ? " (" + Output.text(result.at("/best/algorithm")) + ")" : "")
                + (result.path("gate").hasNonNull("verdict") ? ", gate: " + Output.text(result.at("/gate/verdict")) : "")
                + (job.hasNonNull("error") ? ": " + Output.text(job.get("error")) : "");
        vops.output().either(job, summary);
        if (!"succeeded".equals(status)) {
            throw new CliException(CliException.JOB_FAILED, summary);
        }
    }
}
