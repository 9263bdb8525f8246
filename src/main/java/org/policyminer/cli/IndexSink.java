package org.policyminer.cli;

import java.io.IOException;
import java.nio.file.Path;

import org.policyminer.batch.BatchAnnotator;
import org.policyminer.doc.AnnotatedDocument;
import org.policyminer.index.ClauseIndexer;

/** Lets {@code annotate --index DIR} index each document as it is written; does nothing without {@code --index}. */
final class IndexSink implements BatchAnnotator.DocumentSink, AutoCloseable {

    private final ClauseIndexer indexer;

    private IndexSink(ClauseIndexer indexer) {
        this.indexer = indexer;
    }

    /** Opens the index in {@code dir}, or a sink that ignores documents when {@code dir} is null. */
    static IndexSink open(Path dir) throws IOException {
        return new IndexSink(dir == null ? null : ClauseIndexer.open(dir));
    }

    @Override
    public void accept(AnnotatedDocument doc) throws IOException {
        if (indexer != null) {
            indexer.index(doc);
        }
    }

    /** Makes the indexed documents visible, atomically. */
    void commit() throws IOException {
        if (indexer != null) {
            indexer.commit();
        }
    }

    @Override
    public void close() throws IOException {
        if (indexer != null) {
            indexer.close();
        }
    }
}
