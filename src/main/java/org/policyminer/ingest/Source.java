package org.policyminer.ingest;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The raw bytes of one policy and what is known about where they came from.
 *
 * @param docId        stable identifier used in every output
 * @param location     the path, URL or {@code -} the bytes were read from
 * @param bytes        the content, undecoded
 * @param charsetHint  a charset declared outside the content (an HTTP header), or {@code null}
 */
public record Source(String docId, String location, byte[] bytes, String charsetHint) {

    public Source {
        Objects.requireNonNull(docId, "docId");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(bytes, "bytes");
    }

    /** A source for text already in memory, e.g. from a test or another program. */
    public static Source ofText(String docId, String text) {
        return new Source(docId, docId, text.getBytes(StandardCharsets.UTF_8), "UTF-8");
    }
}
