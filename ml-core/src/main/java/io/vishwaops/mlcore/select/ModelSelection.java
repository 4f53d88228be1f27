package io.vishwaops.mlcore.select;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import io.vishwaops.mlcore.train.Algorithm;
import io.vishwaops.mlcore.train.Model;
import io.vishwaops.mlcore.train.Trainer;
import io.vishwaops.mlcore.train.Trainers;
import io.vishwaops.mlcore.train.TrainingSet;

/**
 * Cross-validated search over candidate algorithms and hyper-parameters. Each trial is one algorithm with one
 * parameter combination, scored by k-fold cross-validation on the rows given (the training part: the caller holds the
 * test part out). All trials share the same folds, stratified by class for classification, so they are compared on
 * the same rows; each trial's model seed derives from the spec's seed and the trial's index, so the leaderboard does
 * not depend on how the trials were scheduled on threads. The baseline is always one of the trials.
 */
public final class ModelSelection {

    /** A search larger than this is a mistake in the spec, not a job to run. */
    static final int MAX_TRIALS = 100_000;

    private ModelSelection() {
    }

    /** How many trials {@link #run} will train for this spec, baseline included: for progress and ETA. */
    public static int trialCount(SelectionSpec spec) {
        return plan(spec).size();
    }

    /**
     * Runs every trial, up to {@code spec.parallelism()} at once, and ranks them. A trial that cannot be trained
     * (invalid hyper-parameters, an algorithm missing its native library, a fold it cannot fit) is recorded as failed
     * with the reason and the search goes on.
     *
     * @param train the rows to cross-validate on; their task must be the spec's
     * @param listener told of each trial as it finishes, on this thread
     * @param cancelled polled between folds and while waiting; once true, no new fold starts
     * @throws CancellationException when {@code cancelled} turned true before the search finished
     */
    public static SelectionResult run(SelectionSpec spec, TrainingSet train, SelectionListener listener,
            BooleanSupplier cancelled) {
        if (train.task() != spec.task()) {
            throw new IllegalArgumentException("the spec is for " + spec.task() + " but the rows are " + train.task());
        }
        SelectionListener tell = listener == null ? SelectionListener.NONE : listener;
        BooleanSupplier stop = cancelled == null ? () -> false : cancelled;
        List<Planned> plan = plan(spec);
        int[][] folds = Folds.assign(train, spec.folds(), spec.seed());
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(spec.parallelism(), plan.size()), threads());
        try {
            ExecutorCompletionService<Trial> completion = new ExecutorCompletionService<>(pool);
            for (Planned planned : plan) {
                completion.submit(() -> runTrial(spec, planned, train, folds, stop));
            }
            List<Trial> trials = new ArrayList<>();
            while (trials.size() < plan.size()) {
                if (stop.getAsBoolean()) {
                    throw new CancellationException("model selection cancelled after " + trials.size() + " of "
                            + plan.size() + " trials");
                }
                Future<Trial> next = completion.poll(100, TimeUnit.MILLISECONDS);
                if (next != null) {
                    Trial trial = result(next);
                    trials.add(trial);
                    tell.trialDone(trial, trials.size(), plan.size());
                }
            }
            List<Trial> leaderboard = new ArrayList<>(trials);
            leaderboard.sort(ranking(spec.primaryMetric()));
            Trial best = leaderboard.stream().filter(t -> !t.failed()).findFirst().orElse(null);
            return new SelectionResult(List.copyOf(leaderboard), best);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("model selection interrupted");
        } finally {
            pool.shutdownNow();
        }
    }

    /** Fits a trial's configuration on all the given rows: the final model of the winner, before the test set. */
    public static Model fit(SelectionSpec spec, Trial trial, TrainingSet train) {
        Trainer trainer = Trainers.create(trial.algorithm(), spec.task(), trial.parameters());
        return trainer.fit(train, seed(spec.seed(), trial.index()));
    }

    /** The leaderboard order: the primary metric in its direction, failed trials last, ties by index. */
    static Comparator<Trial> ranking(String primaryMetric) {
        boolean higher = Evaluation.higherIsBetter(primaryMetric);
        Comparator<Trial> byPrimary = Comparator.comparingDouble(t -> higher ? -t.primary() : t.primary());
        return Comparator.comparing((Trial t) -> t.failed() || Double.isNaN(t.primary()))
                .thenComparing(byPrimary)
                .thenComparingInt(Trial::index);
    }

    private static Trial result(Future<Trial> future) throws InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof CancellationException cancel) {
                throw cancel;
            }
            // runTrial turns every failure into a failed trial; anything reaching here is a bug
            throw new IllegalStateException("a trial failed unexpectedly", e.getCause());
        }
    }

    private static Trial runTrial(SelectionSpec spec, Planned planned, TrainingSet train, int[][] folds,
            BooleanSupplier stop) {
        long started = System.nanoTime();
        Trainer trainer;
        try {
            if (!Trainers.isAvailable(planned.algorithm)) {
                return failed(planned, planned.parameters, started, planned.algorithm.id()
                        + " is not available on this machine (its native library is missing)");
            }
            trainer = Trainers.create(planned.algorithm, spec.task(), planned.parameters);
        } catch (RuntimeException e) {
            return failed(planned, planned.parameters, started, message(e));
        }
        long trialSeed = seed(spec.seed(), planned.index);
        List<Map<String, Double>> scores = new ArrayList<>();
        for (int f = 0; f < folds.length; f++) {
            if (stop.getAsBoolean() || Thread.currentThread().isInterrupted()) {
                throw new CancellationException("cancelled");
            }
            try {
                TrainingSet fitPart = train.rows(Folds.allBut(folds, f));
                TrainingSet heldOut = train.rows(folds[f]);
                Model model = trainer.fit(fitPart, seed(trialSeed, f));
                scores.add(Evaluation.metrics(model, heldOut));
            } catch (RuntimeException | LinkageError e) {
                return failed(planned, trainer.parameters(), started, "fold " + (f + 1) + " of " + folds.length
                        + ": " + message(e));
            }
        }
        Map<String, Double> mean = new LinkedHashMap<>();
        Map<String, Double> std = new LinkedHashMap<>();
        for (String metric : Evaluation.metricsFor(spec.task())) {
            double[] values = scores.stream().filter(s -> s.containsKey(metric)).mapToDouble(s -> s.get(metric))
                    .toArray();
            if (values.length == 0) {
                continue;
            }
            double m = 0;
            for (double v : values) {
                m += v;
            }
            m /= values.length;
            double variance = 0;
            for (double v : values) {
                variance += (v - m) * (v - m);
            }
            mean.put(metric, m);
            std.put(metric, Math.sqrt(variance / values.length));
        }
        double primary = mean.getOrDefault(spec.primaryMetric(), Double.NaN);
        return new Trial(planned.index, planned.algorithm, trainer.parameters(), mean, std, primary,
                Duration.ofNanos(System.nanoTime() - started), null);
    }

    private static Trial failed(Planned planned, Map<String, Object> parameters, long started, String error) {
        return new Trial(planned.index, planned.algorithm, parameters, Map.of(), Map.of(), Double.NaN,
                Duration.ofNanos(System.nanoTime() - started), error);
    }

    private static String message(Throwable e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** One trial to run: its index, algorithm and the parameter combination as the spec gave it. */
    private record Planned(int index, Algorithm algorithm, Map<String, Object> parameters) {
    }

    /**
     * The trials in index order: the baseline first unless a candidate is the baseline, then each candidate's
     * combinations (grid: the cartesian product, last parameter fastest; random: seeded distinct draws).
     */
    private static List<Planned> plan(SelectionSpec spec) {
        List<Planned> out = new ArrayList<>();
        boolean baselineListed = spec.candidates().stream().anyMatch(c -> c.algorithm() == Algorithm.BASELINE);
        if (!baselineListed) {
            out.add(new Planned(0, Algorithm.BASELINE, Map.of()));
        }
        for (int c = 0; c < spec.candidates().size(); c++) {
            SearchSpace candidate = spec.candidates().get(c);
            long combinations;
            try {
                combinations = candidate.combinations();
            } catch (ArithmeticException e) {
                combinations = Long.MAX_VALUE;
            }
            List<Long> positions = new ArrayList<>();
            if (spec.strategy().equals(SelectionSpec.RANDOM) && combinations > spec.randomTrials()) {
                SplittableRandom random = new SplittableRandom(seed(spec.seed(), -1 - c));
                Set<Long> drawn = new LinkedHashSet<>();
                while (drawn.size() < spec.randomTrials()) {
                    drawn.add(random.nextLong(combinations));
                }
                positions.addAll(drawn);
            } else {
                if (combinations + out.size() > MAX_TRIALS) {
                    throw new IllegalArgumentException("candidates: the search space of " + candidate.algorithm().id()
                            + " holds " + (combinations == Long.MAX_VALUE ? "too many" : combinations)
                            + " combinations; at most " + MAX_TRIALS + " trials are allowed (use random search)");
                }
                for (long p = 0; p < combinations; p++) {
                    positions.add(p);
                }
            }
            for (long position : positions) {
                out.add(new Planned(out.size(), candidate.algorithm(), candidate.combination(position)));
            }
            if (out.size() > MAX_TRIALS) {
                throw new IllegalArgumentException("candidates: " + out.size() + " trials; at most " + MAX_TRIALS
                        + " are allowed");
            }
        }
        return out;
    }

    /** SplitMix64 of the two: nearby seeds and indexes give unrelated streams. */
    static long seed(long base, long index) {
        long z = base + 0x9E3779B97F4A7C15L * (index + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static ThreadFactory threads() {
        AtomicInteger n = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "model-selection-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
