package org.policyminer.batch;

import java.io.IOException;
import java.util.List;

import org.policyminer.PolicyMiner;
import org.policyminer.PolicyMinerException;
import org.policyminer.doc.AnnotatedDocument;
import org.policyminer.ingest.Inputs;
import org.policyminer.output.AnnotationWriter;

/**
 * Annotates a list of inputs into an {@link AnnotationWriter}. A document that fails is recorded in the errors
 * file with its reason and the run goes on; whatever goes wrong inside one document stays inside it.
 */
public final class BatchAnnotator {

    /** What a run did. */
    public record Summary(int documents, int clauses, int skipped, int notEnglish, double seconds) {
        /** One line for the end of a run. */
        public String describe() {
            return String.format(java.util.Locale.ROOT,
                    "%d documents annotated (%d not English), %d clauses, %d skipped, %.1f s",
                    documents, notEnglish, clauses, skipped, seconds);
        }
    }

    /** Told about each finished input, e.g. to draw a progress bar. */
    @FunctionalInterface
    public interface Listener {
        void done(int finished, int total);
    }

    /** Receives each annotated document after it is written, e.g. to index it for search. */
    @FunctionalInterface
    public interface DocumentSink {
        void accept(AnnotatedDocument doc) throws IOException;
    }

    private final PolicyMiner miner;
    private final DocumentSink sink;

    public BatchAnnotator(PolicyMiner miner) {
        this(miner, doc -> { });
    }

    /** A run loop that also hands every annotated document to {@code sink}. */
    public BatchAnnotator(PolicyMiner miner, DocumentSink sink) {
        this.miner = miner;
        this.sink = sink;
    }

    /** Annotates every item in order, writing each result as soon as it is ready. */
    public Summary run(List<Inputs.Item> items, AnnotationWriter out, Listener listener) throws IOException {
        long t0 = System.nanoTime();
        int documents = 0;
        int clauses = 0;
        int skipped = 0;
        int notEnglish = 0;
        for (int i = 0; i < items.size(); i++) {
            Inputs.Item item = items.get(i);
            try {
                AnnotatedDocument doc = miner.annotate(item.load());
                out.write(doc);
                sink.accept(doc);
                documents++;
                clauses += doc.clauses().size();
                if (doc.status() == AnnotatedDocument.Status.NOT_ENGLISH) {
                    notEnglish++;
                }
            } catch (PolicyMinerException e) {
                out.error(item.docId(), item.location(), e.getMessage());
                skipped++;
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                // A bug or a pathological page must cost one document, not the run.
                out.error(item.docId(), item.location(), "internal error: " + e);
                skipped++;
            }
            listener.done(i + 1, items.size());
        }
        return new Summary(documents, clauses, skipped, notEnglish, (System.nanoTime() - t0) / 1e9);
    }
}
