package org.policyminer.extract.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.policyminer.PolicyMiner;
import org.policyminer.PolicyMinerException;
import org.policyminer.doc.AnnotatedDocument;
import org.policyminer.doc.Clause;
import org.policyminer.extract.Extractor;
import org.policyminer.extract.PolarityModel;
import org.policyminer.ingest.Source;

/**
 * OPP-115 segments run through the pipeline, clause by clause, with each clause's polarity gold: a clause states a
 * practice that is done ("Does") when the texts that at least two annotators selected for the attributes of their
 * "Does" practices overlap it (or one annotator's, in a segment that a majority gave "Does"), and likewise for
 * "Does Not". The training data of {@link PolarityModel}, for the shipped model and for the evaluation's folds alike.
 */
public final class PolarityData {

    /** Annotators who must agree, as for the segment gold. */
    private static final int MAJORITY = 2;
    /** Inner folds (split by policy) on which the decision thresholds are chosen. */
    public static final int INNER_FOLDS = 3;

    /** One clause: what the model reads, its gold, the rules' own polarity, and the extracted clause. */
    public record ClauseRecord(PolarityModel.Unit unit, boolean does, boolean doesNot, Clause.Polarity rules,
                               Clause clause) {
    }

    /** One segment of one policy with its clauses (none when the pipeline found no sentence in it). */
    public record AnnotatedSegment(Opp115.Policy policy, Opp115.Segment segment, List<ClauseRecord> clauses) {
    }

    private PolarityData() {
    }

    /** Every segment of the policies, annotated, in corpus order (policy id, then segment). */
    public static List<AnnotatedSegment> annotateAll(PolicyMiner miner, Extractor extractor, List<Opp115.Policy> policies) {
        List<AnnotatedSegment> out = new ArrayList<>();
        for (Opp115.Policy p : policies) {
            for (Opp115.Segment s : p.segments()) {
                out.add(annotate(miner, extractor, p, s));
            }
        }
        return out;
    }

    /** A one-line account of training data: clauses, segments used as units, and gold counts. */
    public static String describe(List<AnnotatedSegment> segments) {
        int clauses = 0, does = 0, doesNot = 0, multi = 0;
        for (AnnotatedSegment s : segments) {
            clauses += s.clauses().size();
            multi += s.clauses().size() > 1 ? 1 : 0;
            for (ClauseRecord c : s.clauses()) {
                does += c.does() ? 1 : 0;
                doesNot += c.doesNot() ? 1 : 0;
            }
        }
        return String.format(java.util.Locale.ROOT, "%d segments, %d clauses (%d \"Does\", %d \"Does Not\"), %d segments of "
                + "more than one clause as units of their own", segments.size(), clauses, does, doesNot, multi);
    }

    /** Runs one segment through the pipeline (as a document of its own) and labels its clauses. */
    public static AnnotatedSegment annotate(PolicyMiner miner, Extractor extractor, Opp115.Policy p, Opp115.Segment s) {
        if (s.text().isBlank()) {
            return new AnnotatedSegment(p, s, List.of());
        }
        AnnotatedDocument doc;
        try {
            doc = miner.annotate(Source.ofText(p.name(), s.text()));
        } catch (PolicyMinerException e) {
            return new AnnotatedSegment(p, s, List.of());
        }
        Located text = Located.of(doc.text());
        List<int[]> doesSpans = new ArrayList<>();
        List<int[]> doesNotSpans = new ArrayList<>();
        List<String> doesWho = new ArrayList<>();
        List<String> doesNotWho = new ArrayList<>();
        for (Opp115.Practice pr : s.practices()) {
            for (String selected : pr.selectedTexts()) {
                int[] span = text.find(selected);
                if (span != null) {
                    boolean does = pr.value().equals("Does");
                    (does ? doesSpans : doesNotSpans).add(span);
                    (does ? doesWho : doesNotWho).add(pr.annotator());
                }
            }
        }
        List<ClauseRecord> out = new ArrayList<>();
        for (Clause c : doc.clauses()) {
            PolarityModel.Unit unit = extractor.polarityUnit(c, doc.text(),
                    Extractor.Surroundings.of(c, doc.clauses(), doc.text()));
            Set<String> gold = s.gold().get("Does/Does Not");
            out.add(new ClauseRecord(unit, agree(c, doesSpans, doesWho, gold.contains("Does")),
                    agree(c, doesNotSpans, doesNotWho, gold.contains("Does Not")),
                    extractor.rulePolarity(c, doc.text()), c.withoutTokens()));
        }
        return new AnnotatedSegment(p, s, out);
    }

    /**
     * Whether the clause carries the value: spans of at least {@link #MAJORITY} annotators overlap it, or the
     * segment carries the value (a majority gave it somewhere in the segment) and one annotator's span overlaps
     * the clause. The second case keeps the clauses of a segment whose annotators each marked the practice in a
     * different sentence.
     */
    private static boolean agree(Clause c, List<int[]> spans, List<String> who, boolean segmentGold) {
        Set<String> annotators = new HashSet<>();
        for (int i = 0; i < spans.size(); i++) {
            if (spans.get(i)[0] < c.end() && c.start() < spans.get(i)[1]) {
                annotators.add(who.get(i));
            }
        }
        return annotators.size() >= MAJORITY || (segmentGold && !annotators.isEmpty());
    }

    /**
     * Trains a polarity model on every clause of the given segments, in their order, choosing what decides on
     * {@link #INNER_FOLDS}-fold cross-validation inside these segments only (split by policy), each time for the
     * segment-level micro-F1 of "Does" and "Does Not" on the held-out policies, which is how the evaluation scores
     * polarity: first the clause thresholds, then the two combiners (learned on the held-out groups) and their
     * thresholds.
     */
    public static PolarityModel train(List<AnnotatedSegment> segments) {
        Map<Integer, Integer> innerFold = new HashMap<>();
        for (AnnotatedSegment s : segments) {
            innerFold.putIfAbsent(s.policy().id(), innerFold.size() % INNER_FOLDS);
        }
        // Per held-out segment, its clauses' and groups' probabilities under a model that never saw its policy.
        Map<AnnotatedSegment, HeldOut> heldOut = new IdentityHashMap<>();
        for (int k = 0; k < INNER_FOLDS; k++) {
            List<AnnotatedSegment> train = new ArrayList<>();
            for (AnnotatedSegment s : segments) {
                if (innerFold.get(s.policy().id()) != k) {
                    train.add(s);
                }
            }
            PolarityModel m = fit(train);
            for (AnnotatedSegment s : segments) {
                if (innerFold.get(s.policy().id()) == k) {
                    heldOut.put(s, HeldOut.of(m, s));
                }
            }
        }
        double[] clauseFrom = best(segments, 4, 2, (s, t, tn) -> heldOut.get(s).decide(t, tn, null, null));
        List<double[]> doesFeatures = new ArrayList<>();
        List<double[]> doesNotFeatures = new ArrayList<>();
        List<Boolean> states = new ArrayList<>();
        List<Boolean> statesNot = new ArrayList<>();
        for (AnnotatedSegment s : segments) {
            Set<String> gold = s.segment().gold().get("Does/Does Not");
            HeldOut h = heldOut.get(s);
            for (int g = 0; g < h.groups().size(); g++) {
                List<double[]> ps = h.clauses().subList(h.groups().get(g)[0], h.groups().get(g)[1]);
                doesFeatures.add(PolarityModel.groupFeatures(ps, h.wholes().get(g), 0));
                doesNotFeatures.add(PolarityModel.groupFeatures(ps, h.wholes().get(g), 1));
                states.add(gold.contains("Does"));
                statesNot.add(gold.contains("Does Not"));
            }
        }
        PolarityModel.Combiner does = PolarityModel.fitCombiner(doesFeatures, booleans(states));
        PolarityModel.Combiner doesNot = PolarityModel.fitCombiner(doesNotFeatures, booleans(statesNot));
        double[] groupFrom = best(segments, 4, 2, (s, t, tn) -> heldOut.get(s).decide(clauseFrom[0], clauseFrom[1],
                does.withThreshold(t), doesNot.withThreshold(tn)));
        return fit(segments).withThresholds(clauseFrom[0], clauseFrom[1])
                .withCombiners(does.withThreshold(groupFrom[0]), doesNot.withThreshold(groupFrom[1]));
    }

    /** The polarity of each clause of a segment under a model, decided group by group as the extractor does. */
    public static List<Clause.Polarity> decide(PolarityModel m, AnnotatedSegment s) {
        return m.decideAll(s.clauses().stream().map(ClauseRecord::clause).toList(),
                s.clauses().stream().map(ClauseRecord::unit).toList());
    }

    /** One held-out segment's probabilities: per clause, and per group of clauses read whole. */
    private record HeldOut(List<double[]> clauses, List<int[]> groups, List<double[]> wholes) {

        static HeldOut of(PolarityModel m, AnnotatedSegment s) {
            List<double[]> ps = new ArrayList<>();
            List<Clause> clauses = new ArrayList<>();
            for (ClauseRecord c : s.clauses()) {
                ps.add(m.probabilities(c.unit()));
                clauses.add(c.clause());
            }
            List<int[]> groups = PolarityModel.groups(clauses);
            List<double[]> wholes = new ArrayList<>();
            for (int[] g : groups) {
                List<PolarityModel.Unit> units = new ArrayList<>();
                for (ClauseRecord c : s.clauses().subList(g[0], g[1])) {
                    units.add(c.unit());
                }
                wholes.add(m.wholeProbabilities(units));
            }
            return new HeldOut(ps, groups, wholes);
        }

        /** The clauses' polarities with these thresholds and combiners, group by group. */
        List<Clause.Polarity> decide(double doesFrom, double doesNotFrom, PolarityModel.Combiner does,
                                     PolarityModel.Combiner doesNot) {
            List<Clause.Polarity> out = new ArrayList<>();
            for (int g = 0; g < groups.size(); g++) {
                out.addAll(PolarityModel.decide(clauses.subList(groups.get(g)[0], groups.get(g)[1]), wholes.get(g),
                        doesFrom, doesNotFrom, does, doesNot));
            }
            return out;
        }
    }

    /** Decisions of a segment's clauses under a pair of thresholds. */
    private interface Decider {
        List<Clause.Polarity> decide(AnnotatedSegment s, double first, double second);
    }

    /**
     * The pair of thresholds (the first in 0.20..0.80, the second in 0.10..0.80, steps of 0.05) whose decisions
     * give the best segment-level micro-F1 of "Does" and "Does Not" over the segments; the lowest pair on ties.
     */
    private static double[] best(List<AnnotatedSegment> segments, int firstFrom, int secondFrom, Decider decider) {
        double bestF1 = -1;
        double[] best = {0.5, 0.5};
        for (int i = firstFrom; i <= 16; i++) {
            for (int j = secondFrom; j <= 16; j++) {
                int tp = 0, fp = 0, fn = 0;
                for (AnnotatedSegment s : segments) {
                    Set<String> gold = s.segment().gold().get("Does/Does Not");
                    Set<String> pred = new HashSet<>();
                    for (Clause.Polarity pol : decider.decide(s, i / 20.0, j / 20.0)) {
                        if (pol != null) {
                            pred.add(pol == Clause.Polarity.DOES ? "Does" : "Does Not");
                        }
                    }
                    for (String v : List.of("Does", "Does Not")) {
                        tp += gold.contains(v) && pred.contains(v) ? 1 : 0;
                        fp += !gold.contains(v) && pred.contains(v) ? 1 : 0;
                        fn += gold.contains(v) && !pred.contains(v) ? 1 : 0;
                    }
                }
                double f1 = tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
                if (f1 > bestF1 + 1e-12) {
                    bestF1 = f1;
                    best = new double[] {i / 20.0, j / 20.0};
                }
            }
        }
        return best;
    }

    private static boolean[] booleans(List<Boolean> values) {
        boolean[] out = new boolean[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }

    /** Both regressions on every clause of the segments and on the segments themselves, thresholds 0.5. */
    private static PolarityModel fit(List<AnnotatedSegment> segments) {
        List<PolarityModel.Unit> units = new ArrayList<>();
        List<Boolean> does = new ArrayList<>();
        List<Boolean> doesNot = new ArrayList<>();
        for (AnnotatedSegment s : segments) {
            List<String> cues = new ArrayList<>();
            for (ClauseRecord c : s.clauses()) {
                units.add(c.unit());
                does.add(c.does());
                doesNot.add(c.doesNot());
                cues.addAll(c.unit().cues());
            }
            // The whole segment is a training unit too, with the segment's own gold: a practice is annotated at the
            // scale of a segment, and the clauses alone miss what is spread over several sentences.
            if (s.clauses().size() > 1) {
                Set<String> gold = s.segment().gold().get("Does/Does Not");
                units.add(new PolarityModel.Unit(s.segment().text(), "", List.of(), cues));
                does.add(gold.contains("Does"));
                doesNot.add(gold.contains("Does Not"));
            }
        }
        return PolarityModel.train(units, booleans(does), booleans(doesNot));
    }

    /**
     * A text prepared for finding annotators' selections in it whatever their spacing and case: lower-cased, runs of
     * white space and list bullets as one space, with the offset in the original text of every kept character.
     */
    record Located(String normalised, int[] origin, int length) {

        static Located of(String text) {
            StringBuilder sb = new StringBuilder();
            int[] origin = new int[text.length() + 1];
            int n = 0;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                boolean space = Character.isWhitespace(c) || c == '\u2022' || c == '\u00a0';
                if (space) {
                    if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ' ') {
                        origin[n++] = i;
                        sb.append(' ');
                    }
                } else {
                    origin[n++] = i;
                    sb.append(Character.toLowerCase(c));
                }
            }
            origin[n] = text.length();
            return new Located(sb.toString(), origin, text.length());
        }

        /**
         * The span of a selection in the original text, or null. Selections the pipeline's cleaning changed
         * (quotes, dashes) are looked up by their first or last 40 characters.
         */
        int[] find(String selected) {
            String needle = of(selected).normalised().strip();
            if (needle.length() < 3) {
                return null;
            }
            int at = normalised.indexOf(needle);
            int len = needle.length();
            if (at < 0 && needle.length() > 40) {
                String head = needle.substring(0, 40);
                String tail = needle.substring(needle.length() - 40);
                at = normalised.indexOf(head);
                len = 40;
                if (at < 0) {
                    at = normalised.indexOf(tail);
                }
            }
            if (at < 0) {
                return null;
            }
            int end = Math.min(at + len, normalised.length());
            return new int[] {origin[at], end >= normalised.length() ? length : origin[end - 1] + 1};
        }
    }
}
