package org.policyminer.doc;

import java.util.List;
import java.util.Map;

/**
 * A sentence, or a list item, of a policy: the unit that is classified, indexed and written out.
 *
 * @param id          0-based position of the clause in its document
 * @param start       offset in the clean text; {@code cleanText.substring(start, end).equals(text)}
 * @param end         offset just past the clause
 * @param text        the clause text
 * @param sectionId   id of the innermost enclosing section, or -1 before the first heading
 * @param sectionPath titles of the enclosing sections, outermost first
 * @param kind        {@link Block.Kind#PARAGRAPH} or {@link Block.Kind#LIST_ITEM}
 * @param leadInId    for a list item, the id of the clause that introduces the list; otherwise -1
 * @param tokens      tokens with POS tags (empty when tagging was not requested)
 * @param scores      a score in [0,1] per taxonomy id the classifier considered
 * @param categories  the taxonomy ids assigned to the clause, highest score first
 * @param attributes  what the clause states (data types, third parties, retention periods, ...), in text order
 * @param polarity    whether the clause says a practice is done, {@code null} when it describes no practice
 * @param modality    the modal force of the practice ({@link Modality#NONE} when unmodalised or not extracted)
 */
public record Clause(int id, int start, int end, String text, int sectionId, List<String> sectionPath,
                     Block.Kind kind, int leadInId, List<Token> tokens, Map<String, Double> scores,
                     List<String> categories, List<Attribute> attributes, Polarity polarity, Modality modality) {

    /** Whether a clause states that a practice is done or that it is not (OPP-115's "Does/Does Not"). */
    public enum Polarity {
        DOES, DOES_NOT;

        /** The lower-case name used in output files: {@code does}, {@code does-not}. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /** The modal force with which a practice is stated. */
    public enum Modality {
        MAY, WILL, MUST, NONE;

        /** The lower-case name used in output files. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Clause {
        sectionPath = List.copyOf(sectionPath);
        tokens = List.copyOf(tokens);
        scores = Map.copyOf(scores);
        categories = List.copyOf(categories);
        attributes = List.copyOf(attributes);
        modality = modality == null ? Modality.NONE : modality;
    }

    /** A clause before attribute extraction: no attributes, no polarity. */
    public Clause(int id, int start, int end, String text, int sectionId, List<String> sectionPath,
                  Block.Kind kind, int leadInId, List<Token> tokens, Map<String, Double> scores,
                  List<String> categories) {
        this(id, start, end, text, sectionId, sectionPath, kind, leadInId, tokens, scores, categories, List.of(),
                null, Modality.NONE);
    }

    /** The highest score among the assigned categories, or 0 when none is assigned. */
    public double topScore() {
        return categories.isEmpty() ? 0.0 : scores.getOrDefault(categories.get(0), 0.0);
    }

    /** Returns a copy carrying the given classification. */
    public Clause withCategories(Map<String, Double> newScores, List<String> newCategories) {
        return new Clause(id, start, end, text, sectionId, sectionPath, kind, leadInId, tokens, newScores, newCategories,
                attributes, polarity, modality);
    }

    /** Returns a copy carrying the given extracted attributes, polarity and modality. */
    public Clause withStatement(List<Attribute> newAttributes, Polarity newPolarity, Modality newModality) {
        return new Clause(id, start, end, text, sectionId, sectionPath, kind, leadInId, tokens, scores, categories,
                newAttributes, newPolarity, newModality);
    }

    /** A copy without the token layer, for callers that keep many clauses and need none of their tokens. */
    public Clause withoutTokens() {
        return new Clause(id, start, end, text, sectionId, sectionPath, kind, leadInId, List.of(), scores, categories,
                attributes, polarity, modality);
    }
}
