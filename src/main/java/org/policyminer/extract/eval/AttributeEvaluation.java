package org.policyminer.extract.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.policyminer.PolicyMiner;
import org.policyminer.doc.Attribute;
import org.policyminer.doc.Clause;
import org.policyminer.extract.AttributeType;
import org.policyminer.extract.Extractor;
import org.policyminer.extract.PolarityModel;
import org.policyminer.extract.TfidfLogistic;

/**
 * Scores the {@link Extractor} against OPP-115's attribute annotations, segment by segment, next to a TF-IDF +
 * logistic regression baseline trained on the same cross-validation folds (policies split into folds, never
 * segments). A segment carries a value when at least two of its three annotators gave it.
 *
 * <p>Fold 0 is the tuning fold: the only one whose errors were looked at while the lexicons were written. The
 * report gives every figure on all folds and on the other folds alone.
 */
public final class AttributeEvaluation {

    /** Folds the policies are split into, in id order (policy i goes to fold i mod FOLDS). */
    public static final int FOLDS = 5;
    /** The fold whose errors may be inspected while writing rules. */
    public static final int TUNING_FOLD = 0;

    /** Counts of one value over a set of segments. */
    public record Counts(int tp, int fp, int fn) {
        Counts plus(Counts o) {
            return new Counts(tp + o.tp, fp + o.fp, fn + o.fn);
        }

        /** Share of predictions that are right (0 when nothing is predicted). */
        public double precision() {
            return tp + fp == 0 ? 0 : (double) tp / (tp + fp);
        }

        /** Share of gold values found. */
        public double recall() {
            return tp + fn == 0 ? 0 : (double) tp / (tp + fn);
        }

        /** Harmonic mean of precision and recall. */
        public double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }
    }

    /**
     * Scores of one value (or, with value "micro", of a whole attribute) for the extractor (rules with the learned
     * polarity), the rules alone, the baseline, and the hybrid (the baseline's logistic regression given the
     * rules-alone predictions as extra features).
     */
    public record Row(String attribute, String value, int support, Counts rules, Counts rulesAlone, Counts baseline,
                      Counts hybrid) {
    }

    /** One scored segment: gold and both systems' predictions, per attribute. */
    record Scored(int policy, int fold, int segment, String text, Map<String, Set<String>> gold,
                  Map<String, Set<String>> rules, Map<String, Set<String>> rulesAlone, Map<String, Set<String>> baseline,
                  Map<String, Set<String>> hybrid) {
    }

    private final List<Scored> scored;
    private final int policies;
    /**
     * Per fold, the polarity model's clause thresholds and its group combiners' thresholds ("does", "does not"
     * each), chosen inside its training folds.
     */
    private final List<double[]> thresholds;

    private AttributeEvaluation(List<Scored> scored, int policies, List<double[]> thresholds) {
        this.scored = scored;
        this.policies = policies;
        this.thresholds = thresholds;
    }

    /**
     * Reads the corpus at {@code data}, runs the pipeline on every segment, and keeps every prediction: the
     * extractor's (its polarity from a model trained on the other folds' clauses only, never on the scored fold),
     * the rules' alone, the baseline's and the hybrid's.
     */
    public static AttributeEvaluation run(Path data, PolicyMiner miner) throws IOException {
        List<Opp115.Policy> policies = Opp115.read(data);
        Extractor extractor = Extractor.bundled();
        Map<Integer, Integer> foldOf = new HashMap<>();
        for (int i = 0; i < policies.size(); i++) {
            foldOf.put(policies.get(i).id(), i % FOLDS);
        }
        List<PolarityData.AnnotatedSegment> segments = PolarityData.annotateAll(miner, extractor, policies);
        Map<String, PolarityData.AnnotatedSegment> annotated = new HashMap<>();
        for (PolarityData.AnnotatedSegment a : segments) {
            annotated.put(key(a.policy(), a.segment()), a);
        }
        Map<String, Map<String, Set<String>>> rules = new HashMap<>();
        Map<String, Map<String, Set<String>>> rulesAlone = new HashMap<>();
        List<double[]> thresholds = new ArrayList<>();
        for (int fold = 0; fold < FOLDS; fold++) {
            List<PolarityData.AnnotatedSegment> train = new ArrayList<>();
            for (PolarityData.AnnotatedSegment a : segments) {
                if (foldOf.get(a.policy().id()) != fold) {
                    train.add(a);
                }
            }
            PolarityModel model = PolarityData.train(train);
            PolarityModel.Combiner[] g = model.combiners();
            thresholds.add(new double[] {model.thresholds()[0], model.thresholds()[1], g[0].threshold(), g[1].threshold()});
            for (Opp115.Policy p : policies) {
                if (foldOf.get(p.id()) == fold) {
                    for (Opp115.Segment s : p.segments()) {
                        rules.put(key(p, s), predict(extractor, annotated.get(key(p, s)),
                                PolarityData.decide(model, annotated.get(key(p, s)))));
                    }
                }
            }
        }
        for (Opp115.Policy p : policies) {
            for (Opp115.Segment s : p.segments()) {
                rulesAlone.put(key(p, s), predict(extractor, annotated.get(key(p, s)),
                        annotated.get(key(p, s)).clauses().stream().map(AttributeEvaluation::rulePolarity).toList()));
            }
        }
        Map<String, Map<String, Set<String>>> baseline = learned(policies, foldOf, null);
        Map<String, Map<String, Set<String>>> hybrid = learned(policies, foldOf, rulesAlone);
        List<Scored> scored = new ArrayList<>();
        for (Opp115.Policy p : policies) {
            for (Opp115.Segment s : p.segments()) {
                scored.add(new Scored(p.id(), foldOf.get(p.id()), s.index(), s.text(), s.gold(), rules.get(key(p, s)),
                        rulesAlone.get(key(p, s)), baseline.get(key(p, s)), hybrid.get(key(p, s))));
            }
        }
        return new AttributeEvaluation(scored, policies.size(), thresholds);
    }

    private static String key(Opp115.Policy p, Opp115.Segment s) {
        return p.id() + "/" + s.index();
    }

    /**
     * The rules' own polarity, as the extractor had it before it learned one: a practice verb makes a clause "does"
     * when it also names a data type or a recipient, a negated practice verb makes it "does not".
     */
    private static Clause.Polarity rulePolarity(PolarityData.ClauseRecord r) {
        if (r.rules() != Clause.Polarity.DOES) {
            return r.rules();
        }
        for (Attribute a : r.clause().attributes()) {
            if (a.type().equals(AttributeType.DATA_TYPE.id()) || a.type().equals(AttributeType.THIRD_PARTY.id())) {
                return Clause.Polarity.DOES;
            }
        }
        return null;
    }

    /** The OPP-115 values of one segment, per attribute, from its clauses' attributes and polarities (in order). */
    static Map<String, Set<String>> predict(Extractor extractor, PolarityData.AnnotatedSegment segment,
                                            List<Clause.Polarity> polarities) {
        Map<String, Set<String>> out = new HashMap<>();
        for (String a : Opp115.ATTRIBUTES.keySet()) {
            out.put(a, new HashSet<>());
        }
        for (int i = 0; i < segment.clauses().size(); i++) {
            PolarityData.ClauseRecord r = segment.clauses().get(i);
            Clause.Polarity pol = polarities.get(i);
            for (Attribute a : r.clause().attributes()) {
                String attribute = switch (AttributeType.byId(a.type()).orElseThrow()) {
                    case DATA_TYPE -> "Personal Information Type";
                    case THIRD_PARTY -> "Third Party Entity";
                    case PURPOSE -> "Purpose";
                    case RETENTION -> "Retention Period";
                    case AGE -> Opp115.CHILDREN;
                    default -> null;
                };
                if (attribute == null) {
                    continue;
                }
                boolean practiceType = a.type().equals(AttributeType.DATA_TYPE.id())
                        || a.type().equals(AttributeType.THIRD_PARTY.id())
                        || a.type().equals(AttributeType.PURPOSE.id());
                // OPP-115 annotates data types, recipients and purposes as attributes of a collection or sharing
                // practice: a mere mention is not one.
                if (practiceType && pol == null) {
                    continue;
                }
                String value = attribute.equals(Opp115.CHILDREN) ? "Children"
                        : extractor.opp115Value(a.type(), a.value()).orElse(null);
                if (value != null && Opp115.canonical(attribute, value) != null) {
                    out.get(attribute).add(Opp115.canonical(attribute, value));
                }
            }
            if (pol == Clause.Polarity.DOES_NOT) {
                out.get("Does/Does Not").add("Does Not");
            } else if (pol == Clause.Polarity.DOES) {
                out.get("Does/Does Not").add("Does");
            }
        }
        return out;
    }

    /**
     * Cross-validated predictions of the TF-IDF + logistic regression models: for each fold, trained on the other
     * folds' policies. With {@code rules}, each segment's vector also carries one binary feature per value the rules
     * predicted for it (the hybrid); without, it is the plain baseline.
     */
    private static Map<String, Map<String, Set<String>>> learned(List<Opp115.Policy> policies,
                                                                 Map<Integer, Integer> foldOf,
                                                                 Map<String, Map<String, Set<String>>> rules) {
        List<String> ruleFeatures = new ArrayList<>();
        Opp115.ATTRIBUTES.forEach((a, values) -> values.forEach(v -> ruleFeatures.add(a + "\t" + v)));
        Map<String, Map<String, Set<String>>> out = new HashMap<>();
        for (int fold = 0; fold < FOLDS; fold++) {
            List<Opp115.Segment> train = new ArrayList<>();
            List<String> trainTexts = new ArrayList<>();
            for (Opp115.Policy p : policies) {
                if (foldOf.get(p.id()) != fold) {
                    for (Opp115.Segment s : p.segments()) {
                        train.add(s);
                        trainTexts.add(s.text());
                    }
                }
            }
            TfidfLogistic tfidf = TfidfLogistic.fit(trainTexts);
            List<TfidfLogistic.Vector> xs = new ArrayList<>();
            for (Opp115.Policy p : policies) {
                if (foldOf.get(p.id()) != fold) {
                    for (Opp115.Segment s : p.segments()) {
                        xs.add(features(tfidf, p, s, rules, ruleFeatures));
                    }
                }
            }
            int dims = tfidf.dimensions() + ruleFeatures.size();
            Map<String, TfidfLogistic.Model> models = new LinkedHashMap<>();
            Opp115.ATTRIBUTES.forEach((attribute, values) -> {
                for (String v : values) {
                    boolean[] ys = new boolean[train.size()];
                    boolean any = false;
                    for (int i = 0; i < ys.length; i++) {
                        ys[i] = train.get(i).gold().get(attribute).contains(v);
                        any |= ys[i];
                    }
                    if (any) {
                        models.put(attribute + "\t" + v, tfidf.train(xs, ys, dims));
                    }
                }
            });
            for (Opp115.Policy p : policies) {
                if (foldOf.get(p.id()) != fold) {
                    continue;
                }
                for (Opp115.Segment s : p.segments()) {
                    TfidfLogistic.Vector x = features(tfidf, p, s, rules, ruleFeatures);
                    Map<String, Set<String>> pred = new HashMap<>();
                    for (String a : Opp115.ATTRIBUTES.keySet()) {
                        pred.put(a, new HashSet<>());
                    }
                    models.forEach((k, m) -> {
                        if (m.probability(x) >= 0.5) {
                            String[] av = k.split("\t");
                            pred.get(av[0]).add(av[1]);
                        }
                    });
                    out.put(p.id() + "/" + s.index(), pred);
                }
            }
        }
        return out;
    }

    private static TfidfLogistic.Vector features(TfidfLogistic tfidf, Opp115.Policy p, Opp115.Segment s,
                                                 Map<String, Map<String, Set<String>>> rules, List<String> ruleFeatures) {
        TfidfLogistic.Vector v = tfidf.vector(s.text());
        if (rules == null) {
            return v;
        }
        List<Integer> extra = new ArrayList<>();
        Map<String, Set<String>> predicted = rules.get(key(p, s));
        for (int k = 0; k < ruleFeatures.size(); k++) {
            String[] av = ruleFeatures.get(k).split("\t");
            if (predicted.get(av[0]).contains(av[1])) {
                extra.add(k);
            }
        }
        return tfidf.withExtra(v, extra);
    }

    /** Per-value and per-attribute (micro-averaged) scores over the segments of the given folds. */
    public List<Row> rows(Set<Integer> folds) {
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : Opp115.ATTRIBUTES.entrySet()) {
            String attribute = e.getKey();
            Counts rulesTotal = new Counts(0, 0, 0);
            Counts aloneTotal = new Counts(0, 0, 0);
            Counts baseTotal = new Counts(0, 0, 0);
            Counts hybridTotal = new Counts(0, 0, 0);
            int supportTotal = 0;
            List<Row> valueRows = new ArrayList<>();
            for (String v : e.getValue()) {
                int tpA = 0, fpA = 0, fnA = 0, tpR = 0, fpR = 0, fnR = 0, tpB = 0, fpB = 0, fnB = 0, tpH = 0, fpH = 0, fnH = 0, support = 0;
                for (Scored s : scored) {
                    if (!folds.contains(s.fold())) {
                        continue;
                    }
                    boolean g = s.gold().get(attribute).contains(v);
                    boolean r = s.rules().get(attribute).contains(v);
                    boolean alone = s.rulesAlone().get(attribute).contains(v);
                    tpA += g && alone ? 1 : 0;
                    fpA += !g && alone ? 1 : 0;
                    fnA += g && !alone ? 1 : 0;
                    boolean b = s.baseline().get(attribute).contains(v);
                    boolean h = s.hybrid().get(attribute).contains(v);
                    tpH += g && h ? 1 : 0;
                    fpH += !g && h ? 1 : 0;
                    fnH += g && !h ? 1 : 0;
                    support += g ? 1 : 0;
                    tpR += g && r ? 1 : 0;
                    fpR += !g && r ? 1 : 0;
                    fnR += g && !r ? 1 : 0;
                    tpB += g && b ? 1 : 0;
                    fpB += !g && b ? 1 : 0;
                    fnB += g && !b ? 1 : 0;
                }
                Counts rc = new Counts(tpR, fpR, fnR);
                Counts bc = new Counts(tpB, fpB, fnB);
                Counts hc = new Counts(tpH, fpH, fnH);
                Counts ac = new Counts(tpA, fpA, fnA);
                valueRows.add(new Row(attribute, v, support, rc, ac, bc, hc));
                aloneTotal = aloneTotal.plus(ac);
                hybridTotal = hybridTotal.plus(hc);
                rulesTotal = rulesTotal.plus(rc);
                baseTotal = baseTotal.plus(bc);
                supportTotal += support;
            }
            rows.add(new Row(attribute, "micro", supportTotal, rulesTotal, aloneTotal, baseTotal, hybridTotal));
            if (e.getValue().size() > 1) {
                rows.addAll(valueRows);
            }
        }
        return rows;
    }

    /** The errors of the extractor on the segments of one fold, one line each, for error analysis. */
    public List<String> errors(int fold) {
        List<String> lines = new ArrayList<>();
        for (Scored s : scored) {
            if (s.fold() != fold) {
                continue;
            }
            for (String a : Opp115.ATTRIBUTES.keySet()) {
                for (String v : Opp115.ATTRIBUTES.get(a)) {
                    boolean g = s.gold().get(a).contains(v);
                    boolean r = s.rules().get(a).contains(v);
                    if (g != r) {
                        lines.add((g ? "FN" : "FP") + "\t" + a + "\t" + v + "\t" + s.policy() + "/" + s.segment() + "\t"
                                + s.text().replaceAll("\\s+", " "));
                    }
                }
            }
        }
        return lines;
    }

    /** A plain-text report: per attribute, the extractor next to the baseline, on all folds and on the untuned ones. */
    public String report() {
        StringBuilder sb = new StringBuilder();
        Set<Integer> all = new HashSet<>();
        Set<Integer> untuned = new HashSet<>();
        for (int f = 0; f < FOLDS; f++) {
            all.add(f);
            if (f != TUNING_FOLD) {
                untuned.add(f);
            }
        }
        sb.append(String.format(Locale.ROOT, "OPP-115 attribute evaluation: %d policies, %d segments, %d folds split by "
                + "policy; gold = value given by >= 2 of 3 annotators.%n", policies, scored.size(), FOLDS));
        sb.append("extractor = policyminer's rules and lexicons, with clause polarity from a model trained on the other "
                + "folds' clauses, decided per group of clauses (a run of one section) as annotate does; rules alone = the rules' own polarity (a negated practice verb; a practice verb with "
                + "a data type or recipient), no learned part; baseline = TF-IDF (1-2 grams) + logistic regression "
                + "trained on the other folds; hybrid = the same regression with the rules-alone predictions as extra "
                + "features.\n");
        sb.append("polarity thresholds per fold (clause does, does not; group does, does not), chosen by inner "
                + "cross-validation on its training folds:");
        for (double[] t : thresholds) {
            sb.append(String.format(Locale.ROOT, " (%.2f, %.2f; %.2f, %.2f)", t[0], t[1], t[2], t[3]));
        }
        sb.append('\n');
        table(sb, "All folds", rows(all));
        table(sb, "Fold 0 only (the tuning fold)", rows(Set.of(TUNING_FOLD)));
        table(sb, "Folds 1-4 only (fold 0 was used for error analysis while writing the lexicons)", rows(untuned));
        return sb.toString();
    }

    private static void table(StringBuilder sb, String title, List<Row> rows) {
        sb.append('\n').append(title).append('\n');
        sb.append(String.format(Locale.ROOT, "%-28s %-32s %7s | %-17s | %-17s | %-8s | %-17s | %-6s%n", "attribute",
                "value", "support", "extractor P/R/F1", "baseline P/R/F1", "F1 diff", "hybrid P/R/F1", "rules alone F1"));
        for (Row r : rows) {
            boolean micro = r.value().equals("micro");
            sb.append(String.format(Locale.ROOT,
                    "%-28s %-32s %7d | %.2f %.2f %.3f  | %.2f %.2f %.3f  | %+.3f   | %.2f %.2f %.3f  | %.3f%s%n",
                    micro ? r.attribute() : "", micro ? "(micro, all values)" : "  " + r.value(), r.support(),
                    r.rules().precision(), r.rules().recall(), r.rules().f1(),
                    r.baseline().precision(), r.baseline().recall(), r.baseline().f1(),
                    r.rules().f1() - r.baseline().f1(),
                    r.hybrid().precision(), r.hybrid().recall(), r.hybrid().f1(), r.rulesAlone().f1(),
                    micro ? (r.rules().f1() > r.baseline().f1() ? "  extractor beats baseline"
                            : "  extractor BELOW baseline") : ""));
        }
    }
}
