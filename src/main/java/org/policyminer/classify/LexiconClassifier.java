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
 * (at reduced weight) and, for list items, the sentence that introduces the list. Thread-safe.
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
    private final ThreadLocal<Memo> memo = ThreadLocal.withInitial(Memo::new);

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
        return toMap(scoreArray(text, section, leadIn));
    }

    /**
     * The same scores by category ordinal, NaN for a category no rule matched: the classifier reads them for every
     * clause and needs no map. A clause's section path and lead-in are mostly those of the clause before it, so
     * what matches them is remembered (per thread, the last of each) instead of being searched for again.
     */
    double[] scoreArray(String text, String section, String leadIn) {
        BitSet inText = filters.candidates(text);
        Memo m = memo.get();
        if (!leadIn.equals(m.leadIn)) {
            m.leadInMatches = matches(leadIn);
            m.leadIn = leadIn;
        }
        if (!section.equals(m.section)) {
            m.sectionMatches = matches(section);
            m.section = section;
        }
        BitSet inLeadIn = m.leadInMatches;
        BitSet inSection = m.sectionMatches;
        // Per category, the product of (1 - weight) over its matching rules, in rule order; NaN: no match yet.
        double[] miss = new double[CATEGORIES.length];
        Arrays.fill(miss, Double.NaN);
        for (int i = 0; i < rules.size(); i++) {
            Rule r = rules.get(i);
            double w = 0;
            if (inText.get(i) && r.pattern.matcher(text).find()) {
                w = r.weight;
            } else if (inLeadIn.get(i)) {
                w = r.weight * LEAD_IN_WEIGHT;
            } else if (inSection.get(i)) {
                w = r.weight * SECTION_WEIGHT;
            }
            if (w > 0) {
                int c = r.category.ordinal();
                miss[c] = Double.isNaN(miss[c]) ? 1 - w : miss[c] * (1 - w);
            }
        }
        for (int c = 0; c < miss.length; c++) {
            miss[c] = 1 - miss[c];  // NaN stays NaN
        }
        return miss;
    }

    /** The rules whose pattern finds something in the text (none in an empty one). */
    private BitSet matches(String text) {
        BitSet out = new BitSet();
        if (text.isEmpty()) {
            return out;
        }
        BitSet candidates = filters.candidates(text);
        for (int i = candidates.nextSetBit(0); i >= 0; i = candidates.nextSetBit(i + 1)) {
            if (rules.get(i).pattern.matcher(text).find()) {
                out.set(i);
            }
        }
        return out;
    }

    /** One thread's last section path and lead-in and the rules matching each. */
    private static final class Memo {
        String section;
        String leadIn;
        BitSet sectionMatches;
        BitSet leadInMatches;
    }

    /** Scores by category ordinal (NaN: none) as a map of the categories that have one. */
    static Map<Category, Double> toMap(double[] scores) {
        Map<Category, Double> out = new EnumMap<>(Category.class);
        for (Category c : CATEGORIES) {
            if (!Double.isNaN(scores[c.ordinal()])) {
                out.put(c, scores[c.ordinal()]);
            }
        }
        return out;
    }

    /** A map of category scores by category ordinal, NaN for the categories it lacks. */
    static double[] toArray(Map<Category, Double> scores) {
        double[] out = new double[CATEGORIES.length];
        Arrays.fill(out, Double.NaN);
        scores.forEach((c, v) -> out[c.ordinal()] = v);
        return out;
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
