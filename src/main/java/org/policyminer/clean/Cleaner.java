package org.policyminer.clean;

import org.policyminer.PolicyMinerException;
import org.policyminer.doc.StructuredText;
import org.policyminer.ingest.Format;

/** Turns decoded content of one format into clean text with its layout blocks. Implementations are stateless. */
public interface Cleaner {

    /** Cleans one document. */
    StructuredText clean(String content) throws PolicyMinerException;

    /** The cleaner for a format. */
    static Cleaner forFormat(Format format) {
        return switch (format) {
            case HTML -> new HtmlCleaner();
            case MARKDOWN -> new MarkdownCleaner();
            case TEXT -> new PlainTextCleaner();
        };
    }
}
