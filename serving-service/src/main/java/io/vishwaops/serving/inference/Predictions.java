package io.vishwaops.serving.inference;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vishwaops.contracts.predictions.PredictionMade;
import io.vishwaops.mlcore.bundle.InputSignature;
import io.vishwaops.mlcore.bundle.Prediction;
import io.vishwaops.mlcore.pipeline.TransformException;
import io.vishwaops.serving.logging.PredictionLog;
import io.vishwaops.serving.model.ModelCatalog;
import io.vishwaops.serving.model.ServedModel;
import io.vishwaops.serving.traffic.LiveTraffic;
import io.vishwaops.serving.traffic.ShadowTraffic;
import io.vishwaops.serving.traffic.TrafficRules;

import org.springframework.stereotype.Service;

/**
 * Scores rows for every endpoint style alike: picks the version (the named one, or the default alias with the
 * canary's share), checks each row against the signature and reports every problem at once, scores the rows in one
 * call of the model, logs each prediction, mirrors the request to the shadow version, and measures it all.
 */
@Service
public class Predictions {

    /** Problems reported in one answer; the count of all of them is given beside. */
    static final int MAX_PROBLEMS = 100;

    private final ModelCatalog catalog;
    private final TrafficRules traffic;
    private final ShadowTraffic shadows;
    private final PredictionLog log;
    private final MeterRegistry meters;
    private final LiveTraffic live;
    // keyed by model and version (strings cache their hash), not by the ServedModel record, whose hash would walk
    // the whole bundle on every request
    private final Map<VersionKey, VersionMeters> versionMeters = new ConcurrentHashMap<>();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    Predictions(ModelCatalog catalog, TrafficRules traffic, ShadowTraffic shadows, PredictionLog log,
            MeterRegistry meters, LiveTraffic live) {
        this.catalog = catalog;
        this.live = live;
        this.traffic = traffic;
        this.shadows = shadows;
        this.log = log;
        this.meters = meters;
    }

    /**
     * The answers for {@code rows}.
     *
     * @param version a version number, or {@code null} for the default alias (and the canary's share)
     * @param requestKey what keeps a caller on one side of a canary, or {@code null}
     * @param endpoint the endpoint style, a metric tag: {@code v2}, {@code invocations}, {@code predict}
     */
    public Scored predict(String model, String version, List<? extends Map<String, ?>> rows, String requestKey,
            String endpoint) {
        long start = System.nanoTime();
        ServedModel served;
        String role;
        try {
            if (version != null) {
                served = catalog.version(model, version);
                role = "version";
            } else {
                TrafficRules.Route route = traffic.route(catalog.serving(model), requestKey);
                served = route.model();
                role = route.role();
            }
        } catch (RuntimeException e) {
            count("vops.serving.errors", "model", model, "reason", reason(e));
            throw e;
        }
        try {
            Scored scored = score(served, role, rows);
            long nanos = System.nanoTime() - start;
            VersionMeters versionMeters = meters(served);
            versionMeters.timer(endpoint).record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
            versionMeters.ok.increment();
            Instant now = Instant.now();
            Double latencyMs = nanos / 1e6;
            for (int i = 0; i < rows.size(); i++) {
                Prediction p = scored.predictions().get(i);
                versionMeters.predicted(p.value() instanceof String label ? label : "(value)");
                @SuppressWarnings("unchecked")
                Map<String, Object> inputs = (Map<String, Object>) rows.get(i);
                log.record(new PredictionMade(scored.ids().get(i), served.model(), served.version(), inputs, p.value(),
                        p.probabilities(), false, now, latencyMs));
            }
            if (version == null) {
                traffic.shadow(model).filter(s -> !s.version().equals(served.version()))
                        .ifPresent(shadow -> shadows.mirror(shadow, rows, scored.ids()));
            }
            live.record(served.model(), served.version(), role, nanos, false);
            return scored;
        } catch (RuntimeException e) {
            live.record(served.model(), served.version(), role, System.nanoTime() - start, true);
            meters(served).error.increment();
            count("vops.serving.errors", "model", model, "reason", reason(e));
            throw e;
        }
    }

    /** The scored rows, in request order, with the version that scored them and whether it was the canary. */
    public record Scored(ServedModel model, String role, List<UUID> ids, List<Prediction> predictions) {
    }

    private static Scored score(ServedModel served, String role, List<? extends Map<String, ?>> rows) {
        if (rows.isEmpty()) {
            throw new InvalidRows("rows", "the request has no rows to score");
        }
        InputSignature signature = served.bundle().signature();
        List<InvalidRows.Problem> problems = new ArrayList<>();
        int total = 0;
        for (int i = 0; i < rows.size(); i++) {
            for (InputSignature.FieldProblem problem : signature.check(rows.get(i))) {
                if (problems.size() < MAX_PROBLEMS) {
                    problems.add(new InvalidRows.Problem(i, problem.field(), problem.problem()));
                }
                total++;
            }
        }
        if (!problems.isEmpty()) {
            throw withTotal(problems, total);
        }
        List<Prediction> predictions;
        try {
            predictions = served.predict(rows);
        } catch (TransformException e) {
            // which rows: the pipeline names the column, not the row
            for (int i = 0; i < rows.size() && problems.size() < MAX_PROBLEMS; i++) {
                try {
                    served.bundle().pipeline().transform(rows.get(i));
                } catch (TransformException rowProblem) {
                    problems.add(new InvalidRows.Problem(i, rowProblem.column(), rowProblem.problem()));
                }
            }
            if (problems.isEmpty()) {
                problems.add(new InvalidRows.Problem(null, e.column(), e.problem()));
            }
            throw withTotal(problems, problems.size());
        }
        List<UUID> ids = new ArrayList<>(rows.size());
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < rows.size(); i++) {
            ids.add(randomUuid(random));
        }
        return new Scored(served, role, ids, predictions);
    }

    private static InvalidRows withTotal(List<InvalidRows.Problem> problems, int total) {
        if (total > problems.size()) {
            List<InvalidRows.Problem> more = new ArrayList<>(problems);
            more.add(new InvalidRows.Problem(null, "rows", (total - problems.size()) + " more problems not listed"));
            return new InvalidRows(more);
        }
        return new InvalidRows(problems);
    }

    /** A version 4 UUID without SecureRandom, whose lock every request thread would otherwise queue on. */
    static UUID randomUuid(ThreadLocalRandom random) {
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(most, least);
    }

    private record VersionKey(String model, String version) {
    }

    /**
     * The meters of one served version, registered once: a request then finds them with one map read of the version
     * it was answered by, instead of building tag strings and looking each meter up for every request and row. It
     * holds the version's name, not the served model, so a version swapped out leaves no bundle behind.
     */
    private final class VersionMeters {

        final Counter ok;
        final Counter error;
        private final VersionKey key;
        private final Map<String, Timer> byEndpoint = new ConcurrentHashMap<>();
        private final Map<String, Counter> byClass = new ConcurrentHashMap<>();

        VersionMeters(VersionKey key) {
            this.key = key;
            this.ok = requests("ok");
            this.error = requests("error");
        }

        private Counter requests(String outcome) {
            return Counter.builder("vops.serving.requests").tag("model", key.model()).tag("version", key.version())
                    .tag("outcome", outcome).register(meters);
        }

        Timer timer(String endpoint) {
            Timer timer = byEndpoint.get(endpoint);
            return timer != null ? timer : byEndpoint.computeIfAbsent(endpoint, e -> Timer.builder("vops.serving.request")
                    .description("Time to answer a prediction request").tag("model", key.model())
                    .tag("version", key.version()).tag("endpoint", e).publishPercentileHistogram().register(meters));
        }

        void predicted(String label) {
            Counter counter = byClass.get(label);
            if (counter == null) {
                counter = byClass.computeIfAbsent(label, l -> Counter.builder("vops.serving.predictions")
                        .tag("model", key.model()).tag("version", key.version()).tag("class", l).register(meters));
            }
            counter.increment();
        }
    }

    private VersionMeters meters(ServedModel served) {
        VersionKey key = new VersionKey(served.model(), served.version());
        VersionMeters held = versionMeters.get(key);
        return held != null ? held : versionMeters.computeIfAbsent(key, VersionMeters::new);
    }

    private void count(String name, String... tags) {
        counters.computeIfAbsent(name + '\u0000' + String.join("\u0000", tags),
                k -> Counter.builder(name).tags(tags).register(meters)).increment();
    }

    private static String reason(RuntimeException e) {
        return switch (e) {
            case InvalidRows ignored -> "invalid-input";
            case io.vishwaops.serving.model.ModelNotFound ignored -> "not-found";
            case io.vishwaops.serving.model.ModelUnavailable ignored -> "unavailable";
            default -> "internal";
        };
    }
}
