package org.policyminer.classify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * Trains a {@link ModelClassifier} from labelled units. Scores are calibrated (Platt scaling) and each label gets
 * the threshold that maximises its F1 — both fitted on out-of-fold scores of an inner cross-validation over the
 * training data only, split by group (policy) when groups are given, so that nothing is tuned on evaluation data.
 */
public final class Trainer {

    /**
     * One training example.
     *
     * @param unit   the text and its context
     * @param labels taxonomy ids
     * @param group  the document it comes from (examples of one group never straddle inner folds), or null
     */
    public record Example(Unit unit, Set<String> labels, String group) {
        public Example {
            Objects.requireNonNull(unit);
            labels = Set.copyOf(labels);
        }
    }

    /**
     * Training settings.
     *
     * @param features   what goes into the feature vector
     * @param innerFolds folds of the inner cross-validation that calibrates and sets thresholds (0 or 1: none,
     *                   thresholds stay at 0.5 on uncalibrated scores)
     * @param seed       seed of every random choice: the same seed and data give the same model
     * @param epochs     passes of AdaGrad over the training data
     * @param l2         L2 regularisation per example
     * @param refit      ship a model refitted on all the training data (else the mean of the inner-fold models)
     */
    public record Options(Features.Config features, int innerFolds, long seed, int epochs, double l2, boolean refit) {
        /** The settings of the shipped model. */
        public static Options standard(long seed) {
            // Experiment knobs (system properties) default to the shipped recipe; see models/README.md for what
            // other settings measured.
            return new Options(Features.Config.standard(), 3, seed, Integer.getInteger("policyminer.train.epochs", 12),
                    1e-6, Boolean.getBoolean("policyminer.train.refit"));
        }

        /** TF-IDF word 1-2-grams + logistic regression at threshold 0.5: the published baseline. */
        public static Options baseline(long seed) {
            return new Options(Features.Config.baseline(), 0, seed, 12, 1e-6, true);
        }
    }

    /** Labels with fewer out-of-fold positives keep uncalibrated scores and threshold 0.5. */
    static final int MIN_POSITIVES = 10;

    private Trainer() {
    }

    /** Trains a model; {@code source} says in a few words what the examples are, for the model's description. */
    public static ModelClassifier train(List<Example> examples, Options options, String source) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("no training examples");
        }
        List<String> labels = labelsOf(examples);
        LexiconClassifier lexicon = LexiconClassifier.bundled();
        List<Unit> units = examples.stream().map(Example::unit).toList();
        Features features = Features.fit(options.features(), units, lexicon);
        List<SparseVector> xs = units.stream().map(features::vector).toList();
        boolean[][] y = gold(examples, labels);
        LogisticRegression.Params params = new LogisticRegression.Params(options.epochs(), 0.3, options.l2());
        LogisticRegression.Weights weights = null;

        int n = labels.size();
        double[] a = new double[n];
        double[] b = new double[n];
        double[] t = new double[n];
        Arrays.fill(a, 1);
        Arrays.fill(t, 0.5);
        if (options.innerFolds() >= 2) {
            // By default the shipped weights are the mean of the inner-fold models: the calibration fitted on their
            // out-of-fold scores then applies to models of the same kind. Refitting on all the data (refit) measured
            // mixed: better segments, worse sentences and a worse simulated public split (models/README.md).
            List<LogisticRegression.Weights> foldModels = new ArrayList<>();
            double[][] oof = outOfFold(examples, xs, y, labels.size(), features.dimensions(), params, options, foldModels);
            weights = options.refit() ? null : LogisticRegression.Weights.mean(foldModels);
            for (int l = 0; l < n; l++) {
                double[] z = new double[oof.length];
                boolean[] gold = new boolean[oof.length];
                for (int i = 0; i < oof.length; i++) {
                    z[i] = oof[i][l];
                    gold[i] = y[i][l];
                }
                int positives = 0;
                for (boolean g : gold) {
                    positives += g ? 1 : 0;
                }
                if (positives < MIN_POSITIVES) {
                    continue; // too few to calibrate on: keep raw scores and 0.5
                }
                double[] ab = platt(z, gold);
                a[l] = ab[0];
                b[l] = ab[1];
                double[] p = new double[z.length];
                for (int i = 0; i < z.length; i++) {
                    p[i] = LogisticRegression.sigmoid(a[l] * z[i] + b[l]);
                }
                t[l] = bestThreshold(p, gold);
            }
        }
        if (weights == null) {
            weights = LogisticRegression.train(xs, y, labels.size(), features.dimensions(), params, options.seed());
        }
        String description = String.format(Locale.ROOT,
                "%s; %d examples, labels %s; %s; one-vs-rest logistic regression (AdaGrad, %d epochs, L2 %.0e)%s; seed %d",
                source, examples.size(), labels, features, params.epochs(), params.l2(),
                options.innerFolds() >= 2 ? ", mean of " + options.innerFolds()
                        + " inner cross-validation models, Platt calibration and per-label F1-optimal thresholds from their out-of-fold scores" : ", threshold 0.5",
                options.seed());
        return new ModelClassifier(labels, features, weights, a, b, t, description);
    }

    /** The labels present in the examples, in taxonomy order (unknown ids after, alphabetically). */
    static List<String> labelsOf(List<Example> examples) {
        Set<String> present = new LinkedHashSet<>();
        examples.forEach(e -> present.addAll(e.labels()));
        List<String> out = new ArrayList<>();
        for (Category c : Category.values()) {
            if (present.remove(c.id())) {
                out.add(c.id());
            }
        }
        out.addAll(new java.util.TreeSet<>(present));
        return out;
    }

    private static boolean[][] gold(List<Example> examples, List<String> labels) {
        boolean[][] y = new boolean[examples.size()][labels.size()];
        for (int i = 0; i < examples.size(); i++) {
            for (int l = 0; l < labels.size(); l++) {
                y[i][l] = examples.get(i).labels().contains(labels.get(l));
            }
        }
        return y;
    }

    /** Assigns every example to one of {@code k} folds, keeping each group in one fold; deterministic for a seed. */
    public static int[] folds(List<String> groups, int k, long seed) {
        Map<String, Integer> groupFold = new HashMap<>();
        List<String> distinct = new ArrayList<>(new TreeMap<String, Boolean>(
                groups.stream().filter(Objects::nonNull).collect(java.util.stream.Collectors.toMap(g -> g, g -> true, (x, z) -> x))).keySet());
        java.util.Collections.shuffle(distinct, new Random(seed));
        for (int i = 0; i < distinct.size(); i++) {
            groupFold.put(distinct.get(i), i % k);
        }
        int[] fold = new int[groups.size()];
        Random random = new Random(seed ^ 0x5DEECE66DL);
        for (int i = 0; i < groups.size(); i++) {
            String g = groups.get(i);
            fold[i] = g == null ? random.nextInt(k) : groupFold.get(g);
        }
        return fold;
    }

    private static double[][] outOfFold(List<Example> examples, List<SparseVector> xs, boolean[][] y, int labels,
                                        int dims, LogisticRegression.Params params, Options options,
                                        List<LogisticRegression.Weights> models) {
        int k = options.innerFolds();
        int[] fold = folds(examples.stream().map(Example::group).toList(), k, options.seed() + 1);
        double[][] oof = new double[xs.size()][];
        for (int f = 0; f < k; f++) {
            List<SparseVector> trainX = new ArrayList<>();
            List<boolean[]> trainY = new ArrayList<>();
            for (int i = 0; i < xs.size(); i++) {
                if (fold[i] != f) {
                    trainX.add(xs.get(i));
                    trainY.add(y[i]);
                }
            }
            LogisticRegression.Weights w = LogisticRegression.train(trainX, trainY.toArray(new boolean[0][]), labels,
                    dims, params, options.seed() + 17 * (f + 1));
            models.add(w);
            for (int i = 0; i < xs.size(); i++) {
                if (fold[i] == f) {
                    oof[i] = w.logits(xs.get(i));
                }
            }
        }
        return oof;
    }

    /** Fits {@code p = sigmoid(a z + b)} by Newton's method on Platt's smoothed targets. */
    static double[] platt(double[] z, boolean[] gold) {
        int pos = 0;
        for (boolean g : gold) {
            pos += g ? 1 : 0;
        }
        int neg = gold.length - pos;
        if (pos == 0 || neg == 0) {
            return new double[]{1, 0};
        }
        double hi = (pos + 1.0) / (pos + 2.0);
        double lo = 1.0 / (neg + 2.0);
        double[] t = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            t[i] = gold[i] ? hi : lo;
        }
        // Newton's method with backtracking (Lin, Lin and Weng 2007): plain Newton diverges on separable scores.
        double a = 0;
        double b = Math.log((pos + 1.0) / (neg + 1.0));
        double f = plattLoss(z, t, a, b);
        for (int iter = 0; iter < 100; iter++) {
            double ga = 0, gb = 0, haa = 1e-12, hab = 0, hbb = 1e-12;
            for (int i = 0; i < z.length; i++) {
                double p = LogisticRegression.sigmoid(a * z[i] + b);
                double d = p - t[i];
                double w = p * (1 - p);
                ga += d * z[i];
                gb += d;
                haa += w * z[i] * z[i];
                hab += w * z[i];
                hbb += w;
            }
            if (Math.abs(ga) < 1e-6 && Math.abs(gb) < 1e-6) {
                break;
            }
            double det = haa * hbb - hab * hab;
            double da = -(hbb * ga - hab * gb) / det;
            double db = -(haa * gb - hab * ga) / det;
            double step = 1;
            double nf = plattLoss(z, t, a + step * da, b + step * db);
            while (nf > f + 1e-4 * step * (ga * da + gb * db) && step > 1e-10) {
                step /= 2;
                nf = plattLoss(z, t, a + step * da, b + step * db);
            }
            if (step <= 1e-10) {
                break;
            }
            a += step * da;
            b += step * db;
            f = nf;
        }
        return new double[]{a, b};
    }

    private static double plattLoss(double[] z, double[] t, double a, double b) {
        double loss = 0;
        for (int i = 0; i < z.length; i++) {
            double v = a * z[i] + b;
            // log(1 + e^v) - t v, computed without overflow
            loss += (v > 0 ? v + Math.log1p(Math.exp(-v)) : Math.log1p(Math.exp(v))) - t[i] * v;
        }
        return loss;
    }

    /** Thresholds are searched in [MIN_T, 100 - MIN_T] percent (a narrower range [20, 80] measured worse). */
    static final int MIN_T = 5;

    /** The threshold in [0.05, 0.95] that maximises F1; among ties, the one closest to 0.5. */
    static double bestThreshold(double[] p, boolean[] gold) {
        double best = 0.5;
        double bestF1 = -1;
        for (int step = MIN_T; step <= 100 - MIN_T; step++) {
            double t = step / 100.0;
            int tp = 0, fp = 0, fn = 0;
            for (int i = 0; i < p.length; i++) {
                boolean pred = p[i] >= t;
                if (pred && gold[i]) {
                    tp++;
                } else if (pred) {
                    fp++;
                } else if (gold[i]) {
                    fn++;
                }
            }
            double f1 = tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
            if (f1 > bestF1 + 1e-12 || (Math.abs(f1 - bestF1) <= 1e-12 && Math.abs(t - 0.5) < Math.abs(best - 0.5))) {
                bestF1 = f1;
                best = t;
            }
        }
        return best;
    }
}
