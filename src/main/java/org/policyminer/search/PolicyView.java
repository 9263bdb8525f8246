package org.policyminer.search;

import java.util.List;
import java.util.Map;

/**
 * An indexed policy with all its clauses in document order: the context a hit is read in.
 *
 * @param docId   the policy's id
 * @param title   its title, or {@code null}
 * @param source  where it came from
 * @param clauses its clauses, by clause id
 */
public record PolicyView(String docId, String title, String source, List<ClauseView> clauses) {

    /**
     * One clause of a policy.
     *
     * @param clauseId    position in the policy
     * @param start       offset in the policy's clean text
     * @param end         offset just past the clause
     * @param sectionPath enclosing section titles, outermost first
     * @param text        the clause text
     * @param kind        {@code paragraph} or {@code list_item}
     * @param leadIn      for a list item, the clause introducing the list; otherwise -1
     * @param categories  assigned taxonomy ids with their scores
     * @param attributes  what the clause states, as extracted
     */
    public record ClauseView(int clauseId, int start, int end, List<String> sectionPath, String text, String kind,
                             int leadIn, Map<String, Double> categories, List<org.policyminer.doc.Attribute> attributes) {
    }
}
