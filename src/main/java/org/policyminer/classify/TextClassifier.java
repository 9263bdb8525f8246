package org.policyminer.classify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import opennlp.tools.sentdetect.SentenceDetectorME;
import opennlp.tools.util.Span;
import org.policyminer.segment.NlpModels;

/**
 * Classifies free-standing texts that may hold several sentences, the way {@code annotate} classifies clauses:
 * each sentence is scored with its neighbours and the given section as context, and the text gets the union of
 * its sentences' categories with, per category, the highest sentence score.
 *
 * <p>Not thread-safe (the OpenNLP sentence detector keeps state): use one per thread.
 */
public final class TextClassifier {

    private final ClauseClassifier classifier;
    private final SentenceDetectorME sentences;

    /** Classifies with {@code classifier}, splitting sentences with the OpenNLP model in {@code models}. */
    public TextClassifier(ClauseClassifier classifier, NlpModels models) {
        this.classifier = classifier;
        this.sentences = new SentenceDetectorME(models.sentences());
    }

    /** Scores and categories of one text; {@code section} may be empty. */
    public ClauseClassifier.Prediction classify(String text, String section) {
        List<String> parts = new ArrayList<>();
        for (Span s : sentences.sentPosDetect(text)) {
            String part = s.getCoveredText(text).toString().strip();
            if (part.codePoints().anyMatch(Character::isLetter)) {
                parts.add(part);
            }
        }
        if (parts.isEmpty()) {
            parts.add(text.strip());
        }
        List<Unit> units = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            units.add(new Unit(parts.get(i), section, "", i > 0 ? parts.get(i - 1) : "",
                    i + 1 < parts.size() ? parts.get(i + 1) : "", -1));
        }
        List<ClauseClassifier.Prediction> predictions = classifier instanceof ModelClassifier m
                ? m.predictUnits(units) : classifyAsClauses(units);
        Map<String, Double> scores = new LinkedHashMap<>();
        Set<String> categories = new LinkedHashSet<>();
        for (ClauseClassifier.Prediction p : predictions) {
            p.scores().forEach((id, s) -> scores.merge(id, s, Math::max));
            categories.addAll(p.categories());
        }
        List<String> ordered = new ArrayList<>(categories);
        ordered.sort((a, b) -> Double.compare(scores.get(b), scores.get(a)));
        Map<String, Double> sorted = new LinkedHashMap<>();
        scores.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return new ClauseClassifier.Prediction(sorted, ordered);
    }

    private List<ClauseClassifier.Prediction> classifyAsClauses(List<Unit> units) {
        List<org.policyminer.doc.Clause> clauses = new ArrayList<>();
        int offset = 0;
        for (int i = 0; i < units.size(); i++) {
            String t = units.get(i).text();
            clauses.add(new org.policyminer.doc.Clause(i, offset, offset + t.length(), t, -1,
                    units.get(i).section().isEmpty() ? List.of() : List.of(units.get(i).section()),
                    org.policyminer.doc.Block.Kind.PARAGRAPH, -1, List.of(), Map.of(), List.of()));
            offset += t.length() + 1;
        }
        return classifier.predict(clauses);
    }
}
