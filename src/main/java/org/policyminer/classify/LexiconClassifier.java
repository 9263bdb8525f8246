package org.policyminer.classify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import org.policyminer.doc.Clause;
import org.policyminer.text.LiteralFilter;
import org.policyminer.text.LiteralSet;

/**
 * A transparent classifier: weighted patterns per category, kept as data in {@code lexicon.tsv}. A clause's
 * score for a category is the noisy-OR of the weights of the patterns that match its text, its section path
 * (at reduced weight) and, for list items, the sentence that introduces the list.
 */
public final class LexiconClassifier implements ClauseClassifier {

    /** Matches are counted at this share of their weight when they come from the section title, not the clause. */
    private static final double SECTION_WEIGHT = 0.6;
    private static final double LEAD_IN_WEIGHT = 0.7;
    private static final double THRESHOLD = 0.5;
    private static final Category[] CATEGORIES = Category.values();

    /** A row of the lexicon and the literal filter of its pattern. */
    private record Rule(Category category, double weight, Pattern pattern, LiteralFilter filter) {
    }

    private final List<Rule> rules;
    /** The rules' filters: one pass over a text tells which patterns may match it, the others are not run. */
    private final LiteralSet filters;

    private LexiconClassifier(List<Rule> rules) {
        this.rules = List.copyOf(rules);
        this.filters = new LiteralSet(rules.stream().map(Rule::filter).toList());
    }

    /** The lexicon bundled with policyminer. */
    public static LexiconClassifier bundled() {
        return fromResource("lexicon.tsv");
    }

    /** A lexicon in the same format as {@code lexicon.tsv}, read from a resource next to this class. */
    public static LexiconClassifier fromResource(String name) {
        try (var in = Objects.requireNonNull(LexiconClassifier.class.getResourceAsStream(name), name);
             var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<Rule> rules = new ArrayList<>();
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                Category c = Category.byId(f[0]).orElseThrow(() -> new IllegalStateException("unknown category " + f[0]));
                rules.add(new Rule(c, Double.parseDouble(f[1]), Pattern.compile("(?i)" + f[2]), LiteralFilter.of(f[2])));
            }
            return new LexiconClassifier(rules);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<Prediction> predict(List<Clause> clauses) {
        List<Prediction> out = new ArrayList<>(clauses.size());
        for (Clause c : clauses) {
            String section = String.join(" / ", c.sectionPath());
            String leadIn = c.leadInId() >= 0 ? clauses.get(c.leadInId()).text() : "";
            out.add(toPrediction(scores(c.text(), section, leadIn), THRESHOLD));
        }
        return out;
    }

    /** Category scores for a clause text given its section title and list lead-in (either may be empty). */
    public Map<Category, Double> scores(String text, String section, String leadIn) {
        BitSet inText = filters.candidates(text);
        BitSet inLeadIn = filters.candidates(leadIn);
        BitSet inSection = filters.candidates(section);
        BitSet any = (BitSet) inText.clone();
        any.or(inLeadIn);
        any.or(inSection);
        // Per category, the product of (1 - weight) over its matching rules, in rule order; NaN: no match yet.
        double[] miss = new double[CATEGORIES.length];
        Arrays.fill(miss, Double.NaN);
        for (int i = any.nextSetBit(0); i >= 0; i = any.nextSetBit(i + 1)) {
            Rule r = rules.get(i);
            double w = 0;
            if (inText.get(i) && r.pattern.matcher(text).find()) {
                w = r.weight;
            } else if (inLeadIn.get(i) && !leadIn.isEmpty() && r.pattern.matcher(leadIn).find()) {
                w = r.weight * LEAD_IN_WEIGHT;
            } else if (inSection.get(i) && !section.isEmpty() && r.pattern.matcher(section).find()) {
                w = r.weight * SECTION_WEIGHT;
            }
            if (w > 0) {
                int c = r.category.ordinal();
                miss[c] = Double.isNaN(miss[c]) ? 1 - w : miss[c] * (1 - w);
            }
        }
        Map<Category, Double> scores = new EnumMap<>(Category.class);
        for (Category c : CATEGORIES) {
            if (!Double.isNaN(miss[c.ordinal()])) {
                scores.put(c, 1 - miss[c.ordinal()]);
            }
        }
        return scores;
    }

    /** Turns category scores into a prediction, keeping the categories at or above the threshold. */
    static Prediction toPrediction(Map<Category, Double> scores, double threshold) {
        Map<String, Double> byId = new LinkedHashMap<>();
        List<String> assigned = new ArrayList<>();
        scores.entrySet().stream()
                .sorted(Map.Entry.<Category, Double>comparingByValue(Comparator.reverseOrder()))
                .forEach(e -> {
                    double rounded = Math.round(e.getValue() * 1e4) / 1e4;
                    byId.put(e.getKey().id(), rounded);
                    if (e.getValue() >= threshold) {
                        assigned.add(e.getKey().id());
                    }
                });
        return new Prediction(byId, assigned);
    }
}
