package io.vishwaops.serving.batch;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vishwaops.contracts.predictions.PredictionMade;
import io.vishwaops.identity.CallerIdentity;
import io.vishwaops.mlcore.bundle.InputSignature;
import io.vishwaops.mlcore.bundle.Prediction;
import io.vishwaops.mlcore.pipeline.InputColumn;
import io.vishwaops.mlcore.pipeline.TransformException;
import io.vishwaops.modelloading.ModelLoadingException;
import io.vishwaops.modelloading.RegistryModels;
import io.vishwaops.problems.InvalidInput;
import io.vishwaops.serving.ServingProperties;
import io.vishwaops.serving.inference.CsvRows;
import io.vishwaops.serving.inference.InvalidRows;
import io.vishwaops.serving.inference.JsonRows;
import io.vishwaops.serving.logging.BatchPredictionLog;
import io.vishwaops.serving.model.ModelCatalog;
import io.vishwaops.serving.model.ModelNotFound;
import io.vishwaops.serving.model.ServedModel;
import io.vishwaops.serving.system.ServiceClients;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.web.client.RestClient;

import tools.jackson.databind.json.JsonMapper;

/**
 * Batch prediction jobs: the rows of a feature-store snapshot or of an uploaded CSV, scored in chunks of
 * {@code vops.serving.batch.chunk-size} rows per call of the model, written as CSV ({@code row},
 * {@code prediction_id}, {@code prediction}, one {@code p_<class>} column per class, {@code error}) to a file under
 * {@code vops.serving.batch.results-dir}, and logged to {@code vops.predictions} chunk by chunk
 * ({@link BatchPredictionLog}; {@code vops.serving.batch.log-predictions}).
 * A row the model cannot score does not fail the job: its line names the problem. Jobs run on
 * {@code concurrent-jobs} threads of their own, never on request threads; jobs a stopped instance left unfinished
 * run again from the start when it comes back.
 */
@Service
public class BatchPredictions implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(BatchPredictions.class);
    /** How long a job waits for Kafka to acknowledge one chunk's predictions. */
    private static final long LOG_TIMEOUT_SECONDS = 30;

    private final BatchJobStore store;
    private final ModelCatalog catalog;
    private final RegistryModels registry;
    private final RestClient features;
    private final JsonMapper json;
    private final ServingProperties.Batch settings;
    private final ExecutorService runners;
    private final Counter rowsScored;
    private final BatchPredictionLog predictionLog;
    private final Clock clock = Clock.systemUTC();

    BatchPredictions(BatchJobStore store, ModelCatalog catalog, RegistryModels registry,
            @Qualifier(ServiceClients.FEATURES) RestClient features, JsonMapper json, ServingProperties properties,
            BatchPredictionLog predictionLog, MeterRegistry meters) {
        this.predictionLog = predictionLog;
        this.store = store;
        this.catalog = catalog;
        this.registry = registry;
        this.features = features;
        this.json = json;
        this.settings = properties.batch();
        this.runners = Executors.newFixedThreadPool(Math.max(1, settings.concurrentJobs()),
                Thread.ofPlatform().name("serving-batch-", 0).factory());
        this.rowsScored = Counter.builder("vops.serving.batch.rows").description("Rows scored by batch jobs")
                .register(meters);
    }

    /** What to score: the model, the version (a number, or an alias, or the default alias) and the rows. */
    public record Submission(String model, String version, String alias, String snapshotId) {
    }

    public BatchJob submitSnapshot(Submission submission) {
        check(submission);
        if (submission.snapshotId() == null || submission.snapshotId().isBlank()) {
            throw new InvalidInput("snapshotId", "is required: the snapshot whose rows to score (or upload a CSV)");
        }
        try {
            UUID.fromString(submission.snapshotId());
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("snapshotId", "must be a snapshot id (a UUID), was '" + submission.snapshotId() + "'");
        }
        return queue(submission, "snapshot", null);
    }

    public BatchJob submitUpload(Submission submission, InputStream csv) {
        check(submission);
        UUID id = UUID.randomUUID();
        Path input = directory().resolve(id + ".input.csv");
        try {
            Files.copy(csv, input, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("could not keep the uploaded CSV", e);
        }
        try (BufferedReader reader = Files.newBufferedReader(input)) {
            new CsvRows(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InvalidRows e) {
            deleteQuietly(input);
            throw e;
        }
        return queue(submission, "upload", input, id);
    }

    private BatchJob queue(Submission submission, String source, Path input) {
        return queue(submission, source, input, UUID.randomUUID());
    }

    private BatchJob queue(Submission s, String source, Path input, UUID id) {
        String by = CallerIdentity.current().map(CallerIdentity::user).orElse(null);
        store.insert(id, s.model(), blankToNull(s.version()), blankToNull(s.alias()), source,
                blankToNull(s.snapshotId()), input == null ? null : input.toString(), by, clock.instant());
        runners.execute(() -> run(id));
        return find(id);
    }

    public BatchJob find(UUID id) {
        return store.find(id).orElseThrow(() -> new BatchJobNotFound(id.toString()));
    }

    public List<BatchJob> list(String model, int offset, int limit) {
        return store.list(model, offset, limit);
    }

    /**
     * Writes the results of a finished job, as CSV (the stored file) or NDJSON (one object per row, converted as
     * it is read).
     */
    public void writeResults(UUID id, boolean ndjson, OutputStream out) throws IOException {
        Path file = Path.of(store.resultFile(id).orElseThrow(() -> new BatchJobNotFound(id.toString())));
        if (!ndjson) {
            Files.copy(file, out);
            return;
        }
        try (CsvRows rows = new CsvRows(Files.newBufferedReader(file));
                Writer writer = new BufferedWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16)) {
            for (Map<String, Object> row = rows.next(); row != null; row = rows.next()) {
                Map<String, Object> typed = new LinkedHashMap<>();
                for (Map.Entry<String, Object> e : row.entrySet()) {
                    Object v = e.getValue();
                    typed.put(e.getKey(), v != null && (e.getKey().equals("row") || e.getKey().startsWith("p_"))
                            ? (Object) Double.parseDouble((String) v) : v);
                }
                if (typed.get("row") instanceof Double d) {
                    typed.put("row", d.longValue());
                }
                writer.write(json.writeValueAsString(typed));
                writer.write('\n');
            }
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    void resumeUnfinished() {
        for (UUID id : store.unfinished()) {
            log.info("Batch job {} was not finished when the service stopped; running it again", id);
            runners.execute(() -> run(id));
        }
    }

    @Override
    public void destroy() {
        runners.shutdownNow();
    }

    private void run(UUID id) {
        BatchJob job = store.find(id).orElse(null);
        if (job == null || job.finished()) {
            return;
        }
        long scored = 0;
        long failed = 0;
        try {
            ServedModel model = resolve(job);
            Path result = directory().resolve(id + ".results.csv");
            if (!store.start(id, model.version(), result.toString(), clock.instant())) {
                return;
            }
            log.info("Batch job {} scores {} with {} version {}", id, job.source().equals("snapshot")
                    ? "snapshot " + job.snapshotId() : "an uploaded CSV", job.model(), model.version());
            long[] counts;
            if (job.source().equals("snapshot")) {
                counts = features.get().uri("/api/v1/snapshots/{id}/rows?format=ndjson", job.snapshotId())
                        .exchange((request, response) -> {
                            if (response.getStatusCode().value() == 404) {
                                throw new BatchFailure("snapshot " + job.snapshotId() + " does not exist");
                            }
                            if (!response.getStatusCode().is2xxSuccessful()) {
                                throw new BatchFailure("feature-service answered " + response.getStatusCode().value()
                                        + " for the snapshot's rows");
                            }
                            try (BufferedReader reader = new BufferedReader(
                                    new InputStreamReader(response.getBody(), StandardCharsets.UTF_8), 1 << 16)) {
                                return score(id, model, ndjsonRows(reader), result);
                            }
                        });
            } else {
                String input = store.inputFile(id).orElseThrow();
                try (CsvRows csv = new CsvRows(Files.newBufferedReader(Path.of(input)))) {
                    counts = score(id, model, csv::next, result);
                }
            }
            scored = counts[0];
            failed = counts[1];
            store.finish(id, "SUCCEEDED", scored, failed, null, clock.instant());
            log.info("Batch job {} scored {} rows ({} could not be scored)", id, scored, failed);
        } catch (RuntimeException | IOException e) {
            String reason = e instanceof BatchFailure || e instanceof ModelNotFound || e instanceof InvalidRows
                    || e instanceof ModelLoadingException || e instanceof io.vishwaops.serving.model.ModelUnavailable
                    ? e.getMessage() : e.getClass().getSimpleName() + ": " + e.getMessage();
            log.warn("Batch job {} failed: {}", id, reason);
            store.finish(id, "FAILED", scored, failed, reason, clock.instant());
        }
    }

    private ServedModel resolve(BatchJob job) {
        if (job.requestedVersion() != null) {
            return catalog.version(job.model(), job.requestedVersion());
        }
        if (job.requestedAlias() != null) {
            var ref = registry.alias(job.model(), job.requestedAlias())
                    .orElseThrow(() -> new ModelNotFound("model alias", job.model() + "@" + job.requestedAlias()));
            return catalog.version(job.model(), ref.version());
        }
        return catalog.serving(job.model());
    }

    /** A source of rows: the next one, or {@code null} at the end. */
    private interface Rows {
        Map<String, Object> next();
    }

    private Rows ndjsonRows(BufferedReader reader) {
        return () -> {
            try {
                String line;
                do {
                    line = reader.readLine();
                    if (line == null) {
                        return null;
                    }
                } while (line.isBlank());
                return JsonRows.row(json.readTree(line));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    /** Scores every row, chunk by chunk, into {@code result}; returns rows scored and rows that failed. */
    private long[] score(UUID id, ServedModel model, Rows rows, Path result) throws IOException {
        InputSignature signature = model.bundle().signature();
        List<String> inputs = signature.inputs().stream().map(InputColumn::name).toList();
        List<String> classes = signature.classNames();
        int chunkSize = Math.max(1, settings.chunkSize());
        long scored = 0;
        long failed = 0;
        long rowNumber = 0;
        long lastProgress = System.nanoTime();
        boolean logging = settings.logPredictions();
        try (BufferedWriter out = Files.newBufferedWriter(result, StandardCharsets.UTF_8)) {
            out.write("row,prediction_id,prediction");
            for (String c : classes) {
                out.write(",");
                out.write(csv("p_" + c));
            }
            out.write(",error\n");
            List<Map<String, Object>> chunk = new ArrayList<>(chunkSize);
            boolean more = true;
            while (more) {
                chunk.clear();
                while (chunk.size() < chunkSize) {
                    Map<String, Object> row = rows.next();
                    if (row == null) {
                        more = false;
                        break;
                    }
                    // the rows carry more than the model takes (keys, the target, ids): only its inputs are scored
                    Map<String, Object> projected = new java.util.HashMap<>(inputs.size() * 2);
                    for (String name : inputs) {
                        projected.put(name, row.get(name));
                    }
                    chunk.add(projected);
                }
                if (chunk.isEmpty()) {
                    break;
                }
                String[] errors = new String[chunk.size()];
                List<Map<String, Object>> good = new ArrayList<>(chunk.size());
                for (int i = 0; i < chunk.size(); i++) {
                    List<InputSignature.FieldProblem> problems = signature.check(chunk.get(i));
                    if (problems.isEmpty()) {
                        good.add(chunk.get(i));
                    } else {
                        errors[i] = problems.stream().map(p -> p.field() + " " + p.problem())
                                .reduce((a, b) -> a + "; " + b).orElseThrow();
                    }
                }
                List<Prediction> answers = predict(model, good, chunk, errors);
                List<PredictionMade> logged = logging ? new ArrayList<>(answers.size()) : List.of();
                java.time.Instant predictedAt = clock.instant();
                int next = 0;
                for (int i = 0; i < chunk.size(); i++) {
                    long row = rowNumber++;
                    out.write(Long.toString(row));
                    out.write(',');
                    if (errors[i] != null) {
                        out.write(',');
                        for (int k = 0; k < classes.size(); k++) {
                            out.write(',');
                        }
                        out.write(',');
                        out.write(csv(errors[i]));
                        out.write('\n');
                        failed++;
                        continue;
                    }
                    Prediction p = answers.get(next++);
                    UUID predictionId = BatchPredictionLog.predictionId(id, row);
                    out.write(predictionId.toString());
                    out.write(',');
                    out.write(csv(String.valueOf(p.value())));
                    if (logging) {
                        logged.add(new PredictionMade(predictionId, model.model(), model.version(), chunk.get(i),
                                p.value(), p.probabilities(), false, predictedAt, null));
                    }
                    for (String c : classes) {
                        out.write(',');
                        out.write(Double.toString(p.probabilities().getOrDefault(c, 0.0)));
                    }
                    out.write(",\n");
                    scored++;
                }
                rowsScored.increment(chunk.size());
                if (logging) {
                    if (!predictionLog.send(id, logged, LOG_TIMEOUT_SECONDS)) {
                        // the scores are still worth having: the job goes on, and says in its log that the rest of
                        // its predictions are not in vops.predictions
                        log.warn("Batch job {} could not log its predictions to Kafka; its remaining rows are "
                                + "scored but not logged", id);
                        logging = false;
                    }
                } else if (settings.logPredictions()) {
                    predictionLog.skipped(answers.size());
                }
                if (System.nanoTime() - lastProgress > 1_000_000_000L) {
                    store.progress(id, scored, failed);
                    lastProgress = System.nanoTime();
                }
            }
        }
        return new long[] {scored, failed};
    }

    /**
     * Scores the rows that passed the signature check in one call; when the pipeline refuses one (an unseen
     * category under the {@code error} policy), the chunk is scored row by row and the refused rows get errors.
     */
    private static List<Prediction> predict(ServedModel model, List<Map<String, Object>> good,
            List<Map<String, Object>> chunk, String[] errors) {
        if (good.isEmpty()) {
            return List.of();
        }
        try {
            return model.bundle().predict(good);
        } catch (TransformException e) {
            List<Prediction> answers = new ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) {
                if (errors[i] != null) {
                    continue;
                }
                try {
                    answers.add(model.bundle().predict(chunk.get(i)));
                } catch (TransformException rowProblem) {
                    errors[i] = rowProblem.getMessage();
                }
            }
            return answers;
        }
    }

    private static String csv(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    private static void check(Submission s) {
        if (s.model() == null || s.model().isBlank()) {
            throw new InvalidInput("model", "is required: the model to score with");
        }
        if (s.version() != null && !s.version().isBlank() && s.alias() != null && !s.alias().isBlank()) {
            throw new InvalidInput("version", "give a version or an alias, not both");
        }
    }

    private Path directory() {
        try {
            return Files.createDirectories(settings.resultsDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + settings.resultsDir(), e);
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the directory is scratch space
        }
    }

    /** The job cannot go on: the message is what its status shows. */
    static class BatchFailure extends RuntimeException {
        BatchFailure(String message) {
            super(message);
        }
    }
}
