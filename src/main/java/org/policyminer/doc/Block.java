package org.policyminer.doc;

/**
 * A run of the clean text that the page laid out as one unit: a heading, a paragraph or a list item.
 * Blocks are the layer the cleaner produces; later stages never look at the markup again.
 *
 * @param kind  what the block is
 * @param start offset of its first character in the clean text
 * @param end   offset just past its last character
 * @param level heading level (1 = top) for headings, list nesting depth (1 = outermost) for list items, 0 otherwise
 */
public record Block(Kind kind, int start, int end, int level) {

    /** The layout role of a block. */
    public enum Kind { HEADING, PARAGRAPH, LIST_ITEM }

    /** Returns this block's text, cut from the clean text it refers to. */
    public String text(String cleanText) {
        return cleanText.substring(start, end);
    }
}
