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
 * Trains a {@link ModelClassifier} from labelled units: logistic regression and naive Bayes on the same features,
 * then a {@link Calibration} stage that weighs their scores (and the lexicon's) per label, and per label the
 * threshold that maximises its F1 — calibration and thresholds fitted on out-of-fold scores of an inner
 * cross-validation over the training data only, split by group (policy) when groups are given (at random for a
 * CSV file), so that nothing is tuned on evaluation data.
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
     * @param features     what goes into the feature vector
     * @param innerFolds   folds of the inner cross-validation that calibrates and sets thresholds (0 or 1: none,
     *                     thresholds stay at 0.5 on uncalibrated scores)
     * @param seed         seed of every random choice: the same seed and data give the same model
     * @param epochs       passes of AdaGrad over the training data
     * @param learningRate AdaGrad's base learning rate
     * @param l2           L2 regularisation per example
     * @param refit        ship a model refitted on all the training data (else the mean of the inner-fold models)
     * @param naiveBayes   also fit naive Bayes and let the calibration stage weigh its log-odds
     * @param crossLabel   the calibration of a label sees every label's scores (label co-occurrence), not only its own
     * @param lexiconInput the lexicon scores are calibration inputs (instead of the fixed strong-lexicon rule)
     * @param neighbours   k of the nearest-neighbour votes the calibration weighs (0: none)
     */
    public record Options(Features.Config features, int innerFolds, long seed, int epochs, double learningRate,
                          double l2, boolean refit, boolean naiveBayes, boolean crossLabel, boolean lexiconInput,
                          int neighbours) {
        /** The settings of the shipped model. */
        public static Options standard(long seed) {
            // Experiment knobs (system properties) default to the shipped recipe; see models/README.md for what
            // other settings measured.
            return new Options(Features.Config.standard(), Integer.getInteger("policyminer.train.innerFolds", 3), seed, Integer.getInteger("policyminer.train.epochs", 12),
                    knob("policyminer.train.lr", 0.3), knob("policyminer.train.l2", 1e-6),
                    Boolean.getBoolean("policyminer.train.refit"),
                    !Boolean.getBoolean("policyminer.train.noNaiveBayes"),
                    !Boolean.getBoolean("policyminer.train.noCrossLabel"),
                    !Boolean.getBoolean("policyminer.train.noLexiconInput"),
                    Integer.getInteger("policyminer.train.knn", 0));
        }

        /** These settings with votes of the {@code k} nearest training texts as calibration inputs (0: none). */
        public Options withNeighbours(int k) {
            return new Options(features, innerFolds, seed, epochs, learningRate, l2, refit, naiveBayes, crossLabel,
                    lexiconInput, k);
        }

        /** TF-IDF word 1-2-grams + logistic regression at threshold 0.5: the published baseline. */
        public static Options baseline(long seed) {
            return new Options(Features.Config.baseline(), 0, seed, 12, 0.3, 1e-6, true, false, false, false, 0);
        }

        private static double knob(String name, double fallback) {
            String v = System.getProperty(name);
            return v == null ? fallback : Double.parseDouble(v);
        }
    }

    /** Labels with fewer out-of-fold positives keep uncalibrated scores and threshold 0.5. */
    static final int MIN_POSITIVES = 10;
    /** Additive smoothing of naive Bayes, in units of a feature value (values are at most 1). */
    static final double NB_ALPHA = Double.parseDouble(System.getProperty("policyminer.train.nbAlpha", "0.1"));
    /** L2 penalty of the calibration stage's weights (its inputs are a few dozen scores). */
    static final double CALIBRATION_L2 = Double.parseDouble(System.getProperty("policyminer.train.calL2", "0.1"));
    /**
     * Entries kept per stored neighbour vector (the heaviest). By default all: capping at 48 or 128 measured worse
     * (models/README.md), and the whole index adds only 1.3 MB for the 80 OPP-115 policies.
     */
    static final int NEIGHBOUR_FEATURES = Integer.getInteger("policyminer.train.knnFeatures", Integer.MAX_VALUE);

    private Trainer() {
    }

    /** Trains a model; {@code source} says in a few words what the examples are, for the model's description. */
    public static ModelClassifier train(List<Example> examples, Options options, String source) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("no training examples");
        }
        List<String> labels = labelsOf(examples);
        int n = labels.size();
        LexiconClassifier lexicon = LexiconClassifier.bundled();
        List<Unit> units = examples.stream().map(Example::unit).toList();
        Features features = Features.fit(options.features(), units, lexicon);
        boolean withLexicon = options.features().lexiconWeight() > 0;
        List<SparseVector> xs = new ArrayList<>(units.size());
        double[][] lex = new double[units.size()][];
        for (int i = 0; i < units.size(); i++) {
            Unit u = units.get(i);
            Map<Category, Double> scores = withLexicon ? lexicon.scores(u.text(), u.section(), u.leadIn()) : Map.of();
            xs.add(features.vector(u, scores));
            lex[i] = ModelClassifier.lexiconInputs(labels, scores);
        }
        boolean[][] y = gold(examples, labels);
        LogisticRegression.Params params = new LogisticRegression.Params(options.epochs(), options.learningRate(), options.l2());
        Calibration.Layout layout = new Calibration.Layout(n, options.naiveBayes() && options.innerFolds() >= 2,
                options.lexiconInput() && withLexicon && options.innerFolds() >= 2,
                options.neighbours() > 0 && options.innerFolds() >= 2);
        List<SparseVector> texts = layout.neighbours()
                ? units.stream().map(u -> NearestNeighbours.cap(features.textVector(u), NEIGHBOUR_FEATURES)).toList()
                : List.of();
        LogisticRegression.Weights weights = null;
        LogisticRegression.Weights nb = null;
        Calibration calibration = Calibration.identity(layout);
        double[] t = new double[n];
        Arrays.fill(t, 0.5);
        if (options.innerFolds() >= 2) {
            // By default the shipped weights are the mean of the inner-fold models: the calibration fitted on their
            // out-of-fold scores then applies to models of the same kind. Refitting on all the data (refit) measured
            // mixed: better segments, worse sentences and a worse simulated public split (models/README.md).
            List<LogisticRegression.Weights> foldModels = new ArrayList<>();
            List<LogisticRegression.Weights> foldNb = new ArrayList<>();
            double[][] oof = outOfFold(examples, xs, texts, y, lex, layout, features.dimensions(), params, options,
                    foldModels, foldNb);
            if (!options.refit()) {
                weights = LogisticRegression.Weights.mean(foldModels);
                nb = layout.naiveBayes() ? LogisticRegression.Weights.mean(foldNb) : null;
            }
            double[][] rows = calibration.weights();
            for (int l = 0; l < n; l++) {
                boolean[] gold = new boolean[oof.length];
                int positives = 0;
                for (int i = 0; i < oof.length; i++) {
                    gold[i] = y[i][l];
                    positives += gold[i] ? 1 : 0;
                }
                if (positives < MIN_POSITIVES) {
                    continue; // too few to calibrate on: keep raw scores and 0.5
                }
                rows[l] = Calibration.fitLabel(layout, oof, gold, l, options.crossLabel(), CALIBRATION_L2);
                double[] p = new double[oof.length];
                for (int i = 0; i < oof.length; i++) {
                    p[i] = calibration.probability(l, oof[i]);
                }
                t[l] = bestThreshold(p, gold);
            }
        }
        if (weights == null) {
            weights = LogisticRegression.train(xs, y, n, features.dimensions(), params, options.seed());
            nb = layout.naiveBayes() ? NaiveBayes.train(xs, y, n, features.dimensions(), NB_ALPHA) : null;
        }
        String description = String.format(Locale.ROOT,
                "%s; %d examples, labels %s; %s; one-vs-rest logistic regression (AdaGrad, %d epochs, rate %.2g, L2 %.0e)%s%s; seed %d",
                source, examples.size(), labels, features, params.epochs(), params.learningRate(), params.l2(),
                layout.naiveBayes() ? " and naive Bayes" : "",
                options.innerFolds() >= 2 ? (options.refit() ? ", refitted on all data" : ", mean of " + options.innerFolds()
                        + " inner cross-validation models") + "; calibration (" + (options.crossLabel()
                        ? "every label's scores" : "own scores") + (layout.lexicon() ? " and lexicon" : "")
                        + (layout.neighbours() ? " and votes of the " + options.neighbours() + " nearest training texts" : "")
                        + ") and per-label F1-optimal thresholds from their out-of-fold scores" : ", threshold 0.5",
                options.seed());
        NearestNeighbours neighbours = layout.neighbours()
                ? NearestNeighbours.build(texts, y, n, options.neighbours()) : null;
        return new ModelClassifier(labels, features, calibration.fold(weights, nb), neighbours, t, description);
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

    /** Out-of-fold calibration inputs of every example; the fold models are added to the lists. */
    private static double[][] outOfFold(List<Example> examples, List<SparseVector> xs, List<SparseVector> texts,
                                        boolean[][] y, double[][] lex,
                                        Calibration.Layout layout, int dims, LogisticRegression.Params params,
                                        Options options, List<LogisticRegression.Weights> models,
                                        List<LogisticRegression.Weights> nbModels) {
        int k = options.innerFolds();
        int labels = layout.labels();
        int[] fold = folds(examples.stream().map(Example::group).toList(), k, options.seed() + 1);
        double[][] oof = new double[xs.size()][];
        for (int f = 0; f < k; f++) {
            List<SparseVector> trainX = new ArrayList<>();
            List<boolean[]> trainY = new ArrayList<>();
            List<SparseVector> trainTexts = new ArrayList<>();
            for (int i = 0; i < xs.size(); i++) {
                if (fold[i] != f) {
                    trainX.add(xs.get(i));
                    trainY.add(y[i]);
                    if (layout.neighbours()) {
                        trainTexts.add(texts.get(i));
                    }
                }
            }
            boolean[][] ty = trainY.toArray(new boolean[0][]);
            LogisticRegression.Weights w = LogisticRegression.train(trainX, ty, labels, dims, params,
                    options.seed() + 17 * (f + 1));
            LogisticRegression.Weights nb = layout.naiveBayes() ? NaiveBayes.train(trainX, ty, labels, dims, NB_ALPHA) : null;
            NearestNeighbours knn = layout.neighbours()
                    ? NearestNeighbours.build(trainTexts, ty, labels, options.neighbours()) : null;
            models.add(w);
            if (nb != null) {
                nbModels.add(nb);
            }
            for (int i = 0; i < xs.size(); i++) {
                if (fold[i] == f) {
                    oof[i] = Calibration.inputs(layout, w.logits(xs.get(i)), nb == null ? null : nb.logits(xs.get(i)),
                            lex[i], knn == null ? null : knn.votes(texts.get(i)));
                }
            }
        }
        return oof;
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
