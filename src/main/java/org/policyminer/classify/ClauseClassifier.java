package org.policyminer.classify;

import java.util.List;
import java.util.Map;

import org.policyminer.doc.Clause;

/**
 * Assigns taxonomy categories to the clauses of one document. It sees the whole clause list so that it can use
 * what a clause has beyond its words: its section path, the sentence that introduces its list, its neighbours.
 * Implementations must be thread-safe.
 */
public interface ClauseClassifier {

    /** Scores and categories of one clause. */
    record Prediction(Map<String, Double> scores, List<String> categories) {
    }

    /** Returns one prediction per clause, in the order given. */
    List<Prediction> predict(List<Clause> clauses);
}
