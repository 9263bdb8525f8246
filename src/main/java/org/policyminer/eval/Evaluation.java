package org.policyminer.eval;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.policyminer.classify.ClauseClassifier;
import org.policyminer.classify.ModelClassifier;
import org.policyminer.classify.Trainer;

/**
 * Scores a classifier on a {@link Dataset}, or cross-validates a training recipe on it (folds split by policy
 * when the data knows policies, else by example), pooling every fold's predictions into one report.
 */
public final class Evaluation {

    private Evaluation() {
    }

    /** Units classified and nanoseconds spent classifying them (feature extraction included), for throughput. */
    public record Timing(long units, long nanos) {
        /** Units per second. */
        public double perSecond() {
            return nanos == 0 ? 0 : units * 1e9 / nanos;
        }
    }

    private static final ThreadLocal<long[]> TIMING = ThreadLocal.withInitial(() -> new long[2]);

    /** What this thread has classified since the last call, and resets the count. */
    public static Timing takeTiming() {
        long[] t = TIMING.get();
        Timing out = new Timing(t[0], t[1]);
        t[0] = 0;
        t[1] = 0;
        return out;
    }

    /** Scores a trained model: one {@link Metrics} per level ("segments", and "sentences" for OPP-115 data). */
    public static Map<String, Metrics> evaluate(ModelClassifier model, Dataset data) {
        Map<String, Metrics> out = new LinkedHashMap<>();
        out.put("segments", score(model, data.segments(), data));
        if (!data.sentences().isEmpty()) {
            out.put("sentences", score(model, data.sentences(), data));
        }
        return out;
    }

    /** Cross-validates: {@code trainer} builds a model from the training folds; it never sees the test fold. */
    public static Map<String, Metrics> crossValidate(Dataset data, int k, long seed,
                                                     Function<Dataset, ModelClassifier> trainer) {
        if (k < 2) {
            throw new IllegalArgumentException("--cv needs at least 2 folds");
        }
        Map<LabeledUnit, Integer> fold = new IdentityHashMap<>();
        List<LabeledUnit> all = new ArrayList<>(data.segments());
        all.addAll(data.sentences());
        int[] f = Trainer.folds(all.stream().map(LabeledUnit::group).toList(), k, seed);
        for (int i = 0; i < all.size(); i++) {
            fold.put(all.get(i), f[i]); // a policy's segments and sentences share its fold
        }
        Metrics seg = new Metrics(data.scoredLabels());
        Metrics sent = new Metrics(data.scoredLabels());
        for (int i = 0; i < k; i++) {
            int test = i;
            ModelClassifier model = trainer.apply(data.fold(u -> fold.get(u) != test));
            Dataset held = data.fold(u -> fold.get(u) == test);
            add(seg, model, held.segments(), data);
            add(sent, model, held.sentences(), data);
        }
        Map<String, Metrics> out = new LinkedHashMap<>();
        out.put("segments", seg);
        if (!data.sentences().isEmpty()) {
            out.put("sentences", sent);
        }
        return out;
    }

    private static Metrics score(ModelClassifier model, List<LabeledUnit> units, Dataset data) {
        Metrics m = new Metrics(data.scoredLabels());
        add(m, model, units, data);
        return m;
    }

    private static void add(Metrics m, ModelClassifier model, List<LabeledUnit> units, Dataset data) {
        long start = System.nanoTime();
        List<ClauseClassifier.Prediction> predictions = model.predictUnits(units.stream().map(LabeledUnit::unit).toList());
        long[] t = TIMING.get();
        t[0] += units.size();
        t[1] += System.nanoTime() - start;
        for (int i = 0; i < units.size(); i++) {
            m.add(units.get(i).labels(), data.space().fromTaxonomy(predictions.get(i).categories()));
        }
    }
}
