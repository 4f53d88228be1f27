package io.vishwaops.serving.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

import io.vishwaops.mlcore.bundle.ModelBundle;
import io.vishwaops.mlcore.bundle.Prediction;
import io.vishwaops.mlcore.train.Algorithm;

/**
 * Calls a loaded model. XGBoost pays a fixed price per call (a native call, a matrix, its thread setup) far above
 * its price per row, so for it requests that arrive together are scored together: each request queues its rows and
 * takes the model; whoever holds it scores every row waiting in one call and hands each request its answers. A lone
 * request is scored at once, never held back for company; under load the calls grow by themselves. Other models are
 * called directly: their cost is per row.
 */
public final class Scorer {

    /** Rows scored in one call at most; a larger request is scored alone. */
    static final int MAX_ROWS = 256;

    private final ModelBundle bundle;
    private final boolean coalesce;
    private final ReentrantLock model = new ReentrantLock();
    private final ConcurrentLinkedQueue<Waiting> waiting = new ConcurrentLinkedQueue<>();

    Scorer(ModelBundle bundle) {
        this.bundle = bundle;
        this.coalesce = bundle.model().algorithm() == Algorithm.XGBOOST;
    }

    private static final class Waiting {

        final List<? extends Map<String, ?>> rows;
        List<Prediction> answers;
        RuntimeException failure;
        boolean done;

        Waiting(List<? extends Map<String, ?>> rows) {
            this.rows = rows;
        }
    }

    List<Prediction> predict(List<? extends Map<String, ?>> rows) {
        if (!coalesce || rows.size() >= MAX_ROWS) {
            return bundle.predict(rows);
        }
        Waiting mine = new Waiting(rows);
        waiting.add(mine);
        model.lock();
        try {
            // whoever held the model before may have scored these rows already; if not, they are still queued
            while (!mine.done) {
                scoreWaiting();
            }
        } finally {
            model.unlock();
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
        return mine.answers;
    }

    /** Called holding the model: one call for the rows queued (up to {@link #MAX_ROWS}). */
    private void scoreWaiting() {
        List<Waiting> batch = new ArrayList<>();
        List<Map<String, ?>> rows = new ArrayList<>();
        Waiting next;
        while (rows.size() < MAX_ROWS && (next = waiting.poll()) != null) {
            batch.add(next);
            rows.addAll(next.rows);
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            List<Prediction> answers = bundle.predict(rows);
            int from = 0;
            for (Waiting w : batch) {
                w.answers = answers.subList(from, from + w.rows.size());
                from += w.rows.size();
                w.done = true;
            }
        } catch (RuntimeException e) {
            // one request's bad row must not fail the others: each is scored on its own
            for (Waiting w : batch) {
                try {
                    w.answers = batch.size() == 1 ? null : bundle.predict(w.rows);
                    w.failure = batch.size() == 1 ? e : null;
                } catch (RuntimeException own) {
                    w.failure = own;
                }
                w.done = true;
            }
        }
    }
}
