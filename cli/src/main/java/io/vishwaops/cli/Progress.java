package io.vishwaops.cli;

import java.io.PrintStream;

/**
 * A progress bar on standard error, drawn only on a terminal: pipes and scripts get the result lines alone.
 * Redrawn at most ten times a second.
 */
final class Progress implements AutoCloseable {

    private final PrintStream err;
    private final String label;
    private final boolean enabled;
    private long lastDraw;
    private boolean drawn;

    Progress(PrintStream err, String label, boolean enabled) {
        this.err = err;
        this.label = label;
        this.enabled = enabled;
    }

    static Progress onTerminal(String label) {
        return new Progress(System.err, label, System.console() != null);
    }

    void update(long done, long total, String suffix) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        if (drawn && now - lastDraw < 100_000_000L && done < total) {
            return;
        }
        lastDraw = now;
        drawn = true;
        int width = 30;
        double share = total <= 0 ? 0 : Math.min(1, (double) done / total);
        int filled = (int) Math.round(share * width);
        err.print("\r" + label + " [" + "#".repeat(filled) + " ".repeat(width - filled) + "] "
                + String.format("%3d%%", Math.round(share * 100)) + (suffix == null ? "" : " " + suffix) + "\u001b[K");
        err.flush();
    }

    @Override
    public void close() {
        if (enabled && drawn) {
            err.println();
        }
    }
}
