package org.policyminer.index;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

import org.policyminer.PolicyMiner;
import org.policyminer.PolicyMinerException;
import org.policyminer.doc.AnnotatedDocument;
import org.policyminer.ingest.Inputs;
import org.policyminer.ingest.Source;

/**
 * Annotates inputs and indexes them, skipping inputs already indexed from the same bytes by the same pipeline
 * (no annotation at all) and policies whose annotation did not change (no index write). A document that fails
 * is reported to the listener and the run goes on. The index is committed every {@link #COMMIT_EVERY} written
 * policies and at the end, so an interrupted run keeps what it finished.
 */
public final class IndexBatch {

    /** Written policies between two intermediate commits. */
    public static final int COMMIT_EVERY = 500;

    /** What a run did. */
    public record Summary(int added, int replaced, int unchanged, int empty, int skipped, long clauses, double seconds) {
        /** One line for the end of a run. */
        public String describe() {
            return String.format(Locale.ROOT,
                    "%d policies added, %d replaced, %d unchanged, %d without clauses, %d skipped; %d clauses indexed, %.1f s",
                    added, replaced, unchanged, empty, skipped, clauses, seconds);
        }
    }

    /** Told about progress and about inputs that could not be indexed. */
    public interface Listener {
        /** Called after each input. */
        void done(int finished, int total);

        /** Called when an input is skipped, with the reason. */
        void skipped(String docId, String location, String reason);
    }

    private final PolicyMiner miner;
    private final ClauseIndexer indexer;
    private final String pipeline;
    private final boolean force;

    /**
     * @param pipeline a label of the annotation pipeline (version, classifier): inputs indexed by another
     *                 pipeline are annotated again
     * @param force    annotate and rewrite every input even when it looks unchanged
     */
    public IndexBatch(PolicyMiner miner, ClauseIndexer indexer, String pipeline, boolean force) {
        this.miner = miner;
        this.indexer = indexer;
        this.pipeline = pipeline;
        this.force = force;
    }

    /** Indexes every item in order and commits; see the class comment. */
    public Summary run(List<Inputs.Item> items, Listener listener) throws IOException {
        long t0 = System.nanoTime();
        int added = 0, replaced = 0, unchanged = 0, empty = 0, skipped = 0, sinceCommit = 0;
        long clauses = 0;
        for (int i = 0; i < items.size(); i++) {
            Inputs.Item item = items.get(i);
            try {
                Source source = item.load();
                String key = ClauseIndexer.sourceFingerprint(source.bytes(), pipeline);
                if (!force && indexer.isIndexedFrom(item.docId(), key)) {
                    unchanged++;
                } else {
                    AnnotatedDocument doc = miner.annotate(source);
                    if (force) {
                        indexer.delete(doc.docId());
                    }
                    switch (indexer.index(doc, key)) {
                        case ADDED -> added++;
                        case REPLACED -> replaced++;
                        case UNCHANGED -> unchanged++;
                        case EMPTY -> empty++;
                    }
                    clauses += doc.clauses().size();
                    if (++sinceCommit >= COMMIT_EVERY) {
                        indexer.commit();
                        sinceCommit = 0;
                    }
                }
            } catch (PolicyMinerException e) {
                listener.skipped(item.docId(), item.location(), e.getMessage());
                skipped++;
            } catch (RuntimeException | StackOverflowError e) {
                // A bug or a pathological page must cost one document, not the run.
                listener.skipped(item.docId(), item.location(), "internal error: " + e);
                skipped++;
            }
            listener.done(i + 1, items.size());
        }
        indexer.commit();
        return new Summary(added, replaced, unchanged, empty, skipped, clauses, (System.nanoTime() - t0) / 1e9);
    }
}
