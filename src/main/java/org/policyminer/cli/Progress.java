package org.policyminer.cli;

import java.io.PrintStream;

import org.policyminer.batch.BatchAnnotator;

/** A one-line progress bar on standard error, drawn only when a person is watching a terminal. */
final class Progress implements BatchAnnotator.Listener {

    private static final int WIDTH = 30;
    private final PrintStream err;
    private final boolean enabled;
    private final long start = System.nanoTime();

    Progress(PrintStream err) {
        this.err = err;
        this.enabled = System.console() != null && System.getenv("CI") == null;
    }

    @Override
    public void done(int finished, int total) {
        if (!enabled) {
            return;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double rate = finished / Math.max(seconds, 1e-3);
        int filled = total == 0 ? WIDTH : (int) ((long) WIDTH * finished / total);
        long eta = Math.round((total - finished) / Math.max(rate, 1e-3));
        err.printf("\r[%s%s] %d/%d documents, %.1f/s, ETA %ds ", "#".repeat(filled), " ".repeat(WIDTH - filled),
                finished, total, rate, eta);
        if (finished == total) {
            err.print("\r" + " ".repeat(WIDTH + 60) + "\r");
        }
        err.flush();
    }
}
