package org.policyminer.doc;

/**
 * A token with its part-of-speech tag.
 *
 * @param start offset in the document's clean text
 * @param end   offset just past the token
 * @param pos   part-of-speech tag (Universal Dependencies tag set, as the OpenNLP English model emits)
 */
public record Token(int start, int end, String pos) {
}
