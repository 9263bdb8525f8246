package org.policyminer.doc;

import java.util.List;

/**
 * A node of the document's section tree, opened by a heading block.
 *
 * @param id       index of the section in {@link AnnotatedDocument#sections()}
 * @param parentId id of the enclosing section, or -1 for a top-level section
 * @param level    heading level that opened it (smaller is higher in the tree)
 * @param title    the heading text
 * @param start    offset of the heading in the clean text
 * @param end      offset just past the heading
 * @param path     titles from the top-level section down to this one
 */
public record Section(int id, int parentId, int level, String title, int start, int end, List<String> path) {
    public Section {
        path = List.copyOf(path);
    }
}
