package org.policyminer.doc;

import java.util.List;

/**
 * One policy after the pipeline: its clean text and every annotation layer, all as offsets into that text.
 *
 * @param docId       stable identifier (the path relative to the input root, or a URL)
 * @param source      where the bytes came from (a path, a URL or {@code -})
 * @param title       the policy's title, when one was found
 * @param format      the sniffed kind of content: {@code html}, {@code markdown} or {@code text}
 * @param charset     the character set the bytes were decoded with
 * @param language    ISO 639-3 code of the detected language (e.g. {@code eng})
 * @param contentHash SHA-256 of the clean text, hex, so that identical policies can be recognised
 * @param status      {@link Status#ANNOTATED}, or why the clauses were not classified
 * @param text        the clean text
 * @param blocks      layout layer
 * @param sections    section tree, in document order
 * @param clauses     clause layer
 */
public record AnnotatedDocument(String docId, String source, String title, String format, String charset,
                                String language, String contentHash, Status status, String text,
                                List<Block> blocks, List<Section> sections, List<Clause> clauses) {

    /** Whether the document went through the whole pipeline. */
    public enum Status {
        /** Segmented, tagged and classified. */
        ANNOTATED,
        /** Recognised as not English: recorded, but neither segmented nor classified. */
        NOT_ENGLISH;

        /** The lower-case name used in output files. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    public AnnotatedDocument {
        blocks = List.copyOf(blocks);
        sections = List.copyOf(sections);
        clauses = List.copyOf(clauses);
    }
}
