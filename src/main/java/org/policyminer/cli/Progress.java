package org.policyminer.cli;

import java.io.PrintStream;

import org.policyminer.batch.BatchAnnotator;

/**
 * A one-line progress bar on standard error, drawn only when a person is watching a terminal: documents done,
 * documents per second, and an ETA from the share of input bytes read (the number of documents inside a crawl
 * archive is not known until it has been read).
 */
final class Progress implements BatchAnnotator.Listener {

    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 200_000_000L;
    private final PrintStream err;
    private final boolean enabled;
    private final long start = System.nanoTime();
    private long lastDrawn;

    Progress(PrintStream err) {
        this(err, System.console() != null && System.getenv("CI") == null);
    }

    Progress(PrintStream err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    @Override
    public void done(BatchAnnotator.Status s) {
        long now = System.nanoTime();
        if (!enabled || now - lastDrawn < REDRAW_NANOS) {
            return;
        }
        lastDrawn = now;
        err.print("\r" + line(s, (now - start) / 1e9) + " ");
        err.flush();
    }

    /** Draws the bar for a run whose size is counted in documents ({@code finished} of {@code total}). */
    public void done(int finished, int total) {
        done(new BatchAnnotator.Status(finished, finished, total, 0));
    }

    /** The bar for a run at status {@code s} after {@code seconds}. */
    static String line(BatchAnnotator.Status s, double seconds) {
        double rate = (s.finished() - s.resumed()) / Math.max(seconds, 1e-3);
        double fraction = s.totalBytes() > 0 ? Math.min(1.0, (double) s.doneBytes() / s.totalBytes()) : 0;
        int filled = (int) (WIDTH * fraction);
        String eta = fraction > 0.001 && fraction < 1 ? String.format(java.util.Locale.ROOT, "ETA %s",
                clock(seconds * (1 - fraction) / fraction)) : "";
        return String.format(java.util.Locale.ROOT, "[%s%s] %3.0f%% %d documents, %.1f/s %s", "#".repeat(filled),
                " ".repeat(WIDTH - filled), fraction * 100, s.finished(), rate, eta);
    }

    /** Clears the bar before the summary line is printed. */
    void finish() {
        if (enabled) {
            err.print("\r" + " ".repeat(WIDTH + 70) + "\r");
            err.flush();
        }
    }

    private static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(java.util.Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(java.util.Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
