package org.policyminer.classify;

import java.util.ArrayList;
import java.util.List;

import org.policyminer.doc.Clause;

/**
 * One piece of text to classify with the context a bare text lacks: the heading path it sits under, the sentence
 * that introduces its list, its neighbours and where it falls in the document. Missing context is an empty string.
 *
 * @param text     the text itself
 * @param section  the section heading path, outermost first, joined by " / "
 * @param leadIn   for a list item, the sentence that introduces the list
 * @param previous the unit before it in the document
 * @param next     the unit after it in the document
 * @param position relative position in the document in [0,1], or -1 when unknown
 */
public record Unit(String text, String section, String leadIn, String previous, String next, double position) {

    public Unit {
        text = text == null ? "" : text;
        section = section == null ? "" : section;
        leadIn = leadIn == null ? "" : leadIn;
        previous = previous == null ? "" : previous;
        next = next == null ? "" : next;
    }

    /** A unit with no context at all, as a line of a CSV benchmark file. */
    public static Unit of(String text) {
        return new Unit(text, "", "", "", "", -1);
    }

    /** The units of a document's clauses, each with its section path, lead-in, neighbours and position. */
    public static List<Unit> of(List<Clause> clauses) {
        List<Unit> units = new ArrayList<>(clauses.size());
        int n = clauses.size();
        for (int i = 0; i < n; i++) {
            Clause c = clauses.get(i);
            String leadIn = c.leadInId() >= 0 && c.leadInId() < n ? clauses.get(c.leadInId()).text() : "";
            units.add(new Unit(c.text(), String.join(" / ", c.sectionPath()), leadIn,
                    i > 0 ? clauses.get(i - 1).text() : "", i + 1 < n ? clauses.get(i + 1).text() : "",
                    n <= 1 ? 0 : (double) i / (n - 1)));
        }
        return units;
    }
}
