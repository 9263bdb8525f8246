package org.policyminer.eval;

import java.util.Set;

import org.policyminer.classify.Unit;

/**
 * A unit of an evaluation corpus with its gold labels.
 *
 * @param unit   the text and its context
 * @param labels gold labels, in the corpus' own label space (OPP-115 names or taxonomy ids)
 * @param group  the document it comes from (cross-validation keeps a document in one fold), or null
 */
public record LabeledUnit(Unit unit, Set<String> labels, String group) {
    public LabeledUnit {
        labels = Set.copyOf(labels);
    }
}
