package org.policyminer.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Multi-label precision, recall and F1 per label, micro-averaged (over all decisions) and macro-averaged (the
 * mean of the per-label figures, as scikit-learn computes them).
 */
public final class Metrics {

    /** Precision, recall, F1 and gold support of one label. */
    public record Score(double precision, double recall, double f1, int support) {
    }

    private final List<String> labels;
    private final int[] tp;
    private final int[] fp;
    private final int[] fn;
    private int units;

    /** Scores the given labels; predicted or gold labels outside them are ignored. */
    public Metrics(List<String> labels) {
        this.labels = List.copyOf(labels);
        this.tp = new int[labels.size()];
        this.fp = new int[labels.size()];
        this.fn = new int[labels.size()];
    }

    /** Adds one unit's gold and predicted labels. */
    public void add(Set<String> gold, Set<String> predicted) {
        units++;
        for (int l = 0; l < labels.size(); l++) {
            boolean g = gold.contains(labels.get(l));
            boolean p = predicted.contains(labels.get(l));
            if (g && p) {
                tp[l]++;
            } else if (p) {
                fp[l]++;
            } else if (g) {
                fn[l]++;
            }
        }
    }

    /** The number of units added. */
    public int units() {
        return units;
    }

    /** The score of each label, in label order. */
    public Map<String, Score> perLabel() {
        Map<String, Score> out = new LinkedHashMap<>();
        for (int l = 0; l < labels.size(); l++) {
            out.put(labels.get(l), score(tp[l], fp[l], fn[l]));
        }
        return out;
    }

    /** Micro average: every decision counts once. */
    public Score micro() {
        int t = 0, f = 0, n = 0;
        for (int l = 0; l < labels.size(); l++) {
            t += tp[l];
            f += fp[l];
            n += fn[l];
        }
        return score(t, f, n);
    }

    /** Macro average: every label counts once. */
    public Score macro() {
        double p = 0, r = 0, f = 0;
        int support = 0;
        for (Score s : perLabel().values()) {
            p += s.precision();
            r += s.recall();
            f += s.f1();
            support += s.support();
        }
        int k = Math.max(1, labels.size());
        return new Score(p / k, r / k, f / k, support);
    }

    private static Score score(int tp, int fp, int fn) {
        double p = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
        double r = tp + fn == 0 ? 0 : (double) tp / (tp + fn);
        double f = tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
        return new Score(p, r, f, tp + fn);
    }

    /** The report as the JSON object {@code eval --json} prints. */
    public Map<String, Object> toJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("units", units);
        Score mi = micro();
        Score ma = macro();
        out.put("micro", Map.of("precision", round(mi.precision()), "recall", round(mi.recall()), "f1", round(mi.f1())));
        out.put("macro", Map.of("precision", round(ma.precision()), "recall", round(ma.recall()), "f1", round(ma.f1())));
        Map<String, Object> per = new LinkedHashMap<>();
        perLabel().forEach((l, s) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("precision", round(s.precision()));
            m.put("recall", round(s.recall()));
            m.put("f1", round(s.f1()));
            m.put("support", s.support());
            per.put(l, m);
        });
        out.put("labels", per);
        return out;
    }

    /** The report as a plain-text table. */
    public String toTable() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(java.util.Locale.ROOT, "%-40s %9s %9s %9s %8s%n", "label", "precision", "recall", "f1", "support"));
        perLabel().forEach((l, s) -> sb.append(row(l, s)));
        sb.append(row("micro avg", micro()));
        sb.append(row("macro avg", macro()));
        sb.append("units: ").append(units).append('\n');
        return sb.toString();
    }

    private static String row(String label, Score s) {
        return String.format(java.util.Locale.ROOT, "%-40s %9.3f %9.3f %9.3f %8d%n", label, s.precision(), s.recall(), s.f1(), s.support());
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}
