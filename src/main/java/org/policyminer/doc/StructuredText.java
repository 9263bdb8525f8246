package org.policyminer.doc;

import java.util.List;

/**
 * The output of cleaning: one clean text and the blocks that tile it, in reading order.
 *
 * @param text   the clean text; blocks are separated by blank lines
 * @param blocks headings, paragraphs and list items, each referring to {@code text} by offsets
 * @param title  the page title when the source declares one, else {@code null}
 */
public record StructuredText(String text, List<Block> blocks, String title) {
    public StructuredText {
        blocks = List.copyOf(blocks);
    }
}
