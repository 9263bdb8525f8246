package org.policyminer.doc;

import java.util.Objects;

/**
 * Something a clause states, with its normalised value: a data type, a third party, a purpose, a retention period,
 * an age threshold, a right, a legal basis, a transfer safeguard or a contact.
 *
 * @param type  the kind of attribute, e.g. {@code retention} (see {@code org.policyminer.extract.AttributeType})
 * @param value the normalised value, e.g. {@code max P5Y}, {@code 13 parental-consent}, {@code google}
 * @param start offset of the evidence in the document's clean text
 * @param end   offset just past the evidence
 * @param text  the evidence, {@code cleanText.substring(start, end)}
 */
public record Attribute(String type, String value, int start, int end, String text) {
    public Attribute {
        Objects.requireNonNull(type);
        Objects.requireNonNull(value);
        Objects.requireNonNull(text);
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span " + start + ".." + end);
        }
    }
}
