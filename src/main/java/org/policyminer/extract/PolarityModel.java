package org.policyminer.extract;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.policyminer.doc.Clause;
import org.policyminer.output.AtomicFile;

/**
 * The learned half of a clause's polarity: two logistic regressions, one for "the clause states that a practice is
 * done" and one for "states that it is not done", in OPP-115's sense (first-party collection or use, third-party
 * sharing or collection). Their input is the clause's words (TF-IDF of 1-2 grams, as the evaluation's baseline), the
 * words of its list lead-in and section path, and the extractor's rule cues: the rule's own polarity, which practice
 * verbs it saw, which negations it found in their scope and which it set aside (a condition, the user's choice, "not
 * only"), modality and attribute types.
 *
 * <p>OPP-115 annotates practices at the scale of a segment (about a paragraph), so clauses are decided in groups (a
 * run of clauses of one section): a small {@link Combiner} per value reads the group's strongest clause, the whole
 * group read as one unit and the group's size, and decides whether the group states the value at all; the clauses'
 * own decisions are then kept, dropped or completed (the group's most probable clause) to agree with it.
 *
 * <p>Trained on OPP-115 clauses ({@code policyminer train-polarity}); the trained file is plain text, shipped in
 * {@code models/}. Immutable and thread-safe.
 */
public final class PolarityModel {

    /** The file name of the shipped model, in {@code models/} of the checkout and {@code /models/} of the jar. */
    public static final String BUNDLED_NAME = "policyminer-polarity.model";
    /** Weights of the rule cues, context-words and neighbour-words blocks, against the clause's own words (1). */
    static final double CUE_WEIGHT = 1.0;
    static final double CONTEXT_WEIGHT = 0.5;
    static final double NEIGHBOUR_WEIGHT = 0.25;
    /** A cue or context word seen fewer times in training is not a feature. */
    private static final int MIN_COUNT = 2;
    private static final String MAGIC = "policyminer-polarity-model\t1";

    /**
     * What the model reads of one clause.
     *
     * @param text    the clause
     * @param context    the clause's list lead-in and section titles (words only count)
     * @param neighbours the texts of the previous and next clauses and the rest of the paragraph (words only count)
     * @param cues       the extractor's rule cues ({@link Extractor#polarityUnit})
     */
    public record Unit(String text, String context, List<String> neighbours, List<String> cues) {
        public Unit {
            neighbours = List.copyOf(neighbours);
            cues = List.copyOf(cues);
        }
    }

    /** The TF-IDF vectoriser, which also gives ids to the context and neighbour words of {@code extra}. */
    private final TfidfLogistic tfidf;
    private final Map<String, Integer> extra;
    /**
     * The context-word and neighbour-word features of {@code extra} by the id of their bare word ("near=cookies"
     * under the id of "cookies"), -1 for a word that is not one.
     */
    private final int[] contextWords;
    private final int[] nearWords;
    /**
     * Per extra feature ({@code dimension - tfidf.dimensions()}), its block in a vector: 0 for the rule cues, 1
     * for context words, 2 for neighbour words.
     */
    private final byte[] blockOf;
    private final TfidfLogistic.Model does;
    private final TfidfLogistic.Model doesNot;
    /** The weights of both models by dimension, side by side: {@code does} at {@code 2d}, {@code doesNot} at {@code 2d + 1}. */
    private final double[] weights;
    /** Probabilities from which a clause is given "does" and "does not". */
    private final double doesThreshold;
    private final double doesNotThreshold;
    /** The group-level decisions of "does" and "does not"; null when clauses decide alone. */
    private final Combiner groupDoes;
    private final Combiner groupDoesNot;

    private PolarityModel(TfidfLogistic tfidf, Map<String, Integer> extra, TfidfLogistic.Model does,
                          TfidfLogistic.Model doesNot, double doesThreshold, double doesNotThreshold,
                          Combiner groupDoes, Combiner groupDoesNot) {
        Map<String, Integer> context = byWord(extra, CONTEXT_PREFIX);
        Map<String, Integer> near = byWord(extra, NEAR_PREFIX);
        Set<String> words = new TreeSet<>(context.keySet());
        words.addAll(near.keySet());
        this.tfidf = tfidf.knowing(words);
        this.extra = extra;
        this.contextWords = byId(this.tfidf, context);
        this.nearWords = byId(this.tfidf, near);
        this.blockOf = new byte[extra.size()];
        extra.forEach((f, i) -> blockOf[i - tfidf.dimensions()] =
                (byte) (f.startsWith(CONTEXT_PREFIX) ? 1 : f.startsWith(NEAR_PREFIX) ? 2 : 0));
        this.does = does;
        this.doesNot = doesNot;
        int dimensions = tfidf.dimensions() + extra.size();
        this.weights = new double[does == null ? 0 : 2 * dimensions];
        for (int d = 0; does != null && d < dimensions; d++) {
            weights[2 * d] = does.weight(d);
            weights[2 * d + 1] = doesNot.weight(d);
        }
        this.doesThreshold = doesThreshold;
        this.doesNotThreshold = doesNotThreshold;
        this.groupDoes = groupDoes;
        this.groupDoesNot = groupDoesNot;
    }

    /**
     * Whether a group of clauses states one value ("does" or "does not"): a logistic regression over
     * {@link #groupFeatures}, with its own threshold, both learned on held-out data (see {@code PolarityData}).
     *
     * @param weights   one weight per group feature
     * @param bias      the intercept
     * @param threshold the probability from which the group states the value
     */
    public record Combiner(double[] weights, double bias, double threshold) {
        public Combiner {
            weights = weights.clone();
        }

        /** The probability that a group with these features states the value. */
        public double probability(double[] features) {
            double z = bias;
            for (int i = 0; i < weights.length; i++) {
                z += weights[i] * features[i];
            }
            return 1 / (1 + Math.exp(-z));
        }

        /** The same regression with another threshold. */
        public Combiner withThreshold(double from) {
            return new Combiner(weights, bias, from);
        }
    }

    /** The same model deciding with other thresholds (chosen on held-out data, see {@code PolarityData}). */
    public PolarityModel withThresholds(double doesFrom, double doesNotFrom) {
        return new PolarityModel(tfidf, extra, does, doesNot, doesFrom, doesNotFrom, groupDoes, groupDoesNot);
    }

    /** The same model deciding groups of clauses with these combiners (null for both: clauses decide alone). */
    public PolarityModel withCombiners(Combiner doesFrom, Combiner doesNotFrom) {
        return new PolarityModel(tfidf, extra, does, doesNot, doesThreshold, doesNotThreshold, doesFrom, doesNotFrom);
    }

    /** The combiners of "does" and "does not" (both null when clauses decide alone). */
    public Combiner[] combiners() {
        return new Combiner[] {groupDoes, groupDoesNot};
    }

    /** The thresholds on the "does" and "does not" probabilities. */
    public double[] thresholds() {
        return new double[] {doesThreshold, doesNotThreshold};
    }

    /**
     * Trains both regressions on clauses and their gold (deterministic: same units, same file); both thresholds
     * are 0.5 until {@link #withThresholds} sets others.
     *
     * @param units   the training clauses
     * @param does    per unit, whether the clause states a practice that is done
     * @param doesNot per unit, whether it states a practice that is not done
     */
    public static PolarityModel train(List<Unit> units, boolean[] does, boolean[] doesNot) {
        List<String> texts = new ArrayList<>(units.size());
        Map<String, Integer> counts = new TreeMap<>();
        for (Unit u : units) {
            texts.add(u.text());
            for (String f : extraFeatures(u)) {
                counts.merge(f, 1, Integer::sum);
            }
        }
        TfidfLogistic tfidf = TfidfLogistic.fit(texts);
        Map<String, Integer> extra = new HashMap<>();
        counts.forEach((f, n) -> {
            if (n >= MIN_COUNT) {
                extra.put(f, tfidf.dimensions() + extra.size());
            }
        });
        PolarityModel shape = new PolarityModel(tfidf, extra, null, null, 0.5, 0.5, null, null);
        Reader reader = shape.new Reader();
        List<TfidfLogistic.Vector> xs = new ArrayList<>(units.size());
        for (Unit u : units) {
            xs.add(reader.vector(u));
        }
        int dims = tfidf.dimensions() + extra.size();
        return new PolarityModel(tfidf, extra, tfidf.train(xs, does, dims), tfidf.train(xs, doesNot, dims), 0.5, 0.5,
                null, null);
    }

    private static final String CONTEXT_PREFIX = "context=";
    private static final String NEAR_PREFIX = "near=";

    private static Map<String, Integer> byWord(Map<String, Integer> extra, String prefix) {
        Map<String, Integer> out = new HashMap<>();
        extra.forEach((f, i) -> {
            if (f.startsWith(prefix)) {
                out.put(f.substring(prefix.length()), i);
            }
        });
        return out;
    }

    private static int[] byId(TfidfLogistic tfidf, Map<String, Integer> byWord) {
        int[] out = new int[tfidf.wordIds()];
        Arrays.fill(out, -1);
        byWord.forEach((w, i) -> out[tfidf.wordId(w)] = i);
        return out;
    }

    /** The cue features, context words and neighbour words of a unit, de-duplicated, in a stable order. */
    static Set<String> extraFeatures(Unit u) {
        Set<String> out = new LinkedHashSet<>(u.cues());
        for (String w : words(u.context())) {
            out.add(CONTEXT_PREFIX + w);
        }
        for (String n : u.neighbours()) {
            for (String w : words(n)) {
                out.add(NEAR_PREFIX + w);
            }
        }
        return out;
    }

    private static final Pattern NOT_A_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    /** The distinct lower-cased words of two characters or more of a text, in order of first occurrence. */
    static Set<String> words(String text) {
        Set<String> out = new LinkedHashSet<>();
        for (String w : NOT_A_WORD.split(text.toLowerCase(Locale.ROOT))) {
            if (w.length() >= 2) {
                out.add(w);
            }
        }
        return out;
    }

    /**
     * Reads units into vectors, remembering what it has read of each text: a clause's text is read once as a
     * clause, again as a neighbour of up to ten others and as part of its group, and a section's context is shared
     * by all its clauses. One reader serves one thread (a document's clauses, or a training set).
     */
    private final class Reader {
        private final Map<String, TfidfLogistic.Terms> terms = new HashMap<>();
        private final Map<String, int[]> context = new HashMap<>();
        private final Map<String, int[]> near = new HashMap<>();
        /**
         * Per extra feature ({@code dimension - tfidf.dimensions()}), whether it is already placed in the vector
         * being built (cleared after each).
         */
        private final boolean[] placed = new boolean[extra.size()];
        /** Per extra feature, whether it is already listed for the text being read (cleared after each). */
        private final boolean[] seen = new boolean[extra.size()];

        TfidfLogistic.Terms terms(String text) {
            return terms.computeIfAbsent(text, tfidf::terms);
        }

        /** The context-word features of a text (a clause's lead-in and section path), see {@link #features}. */
        int[] contextFeatures(String text) {
            int[] known = context.get(text);
            if (known == null) {
                known = features(contextWords, wordIds(text));
                context.put(text, known);
            }
            return known;
        }

        /** The neighbour-word features of a neighbouring clause's text, see {@link #features}. */
        int[] nearFeatures(String text) {
            int[] known = near.get(text);
            if (known == null) {
                known = features(nearWords, neighbourWords(text));
                near.put(text, known);
            }
            return known;
        }

        /**
         * The dimensions of a text's words that are features of one block ({@code byId}), in order of first
         * occurrence. A dimension is kept once: the words of a block have a dimension each, so this drops exactly
         * the repeated words (which the reader may list, see {@link #neighbourWords}).
         *
         * @param words the ids of the text's words, in order (as {@link PolarityModel#words} reads them, repeats
         *              allowed; -1 for a word without an id)
         */
        private int[] features(int[] byId, int[] words) {
            int[] known = new int[words.length];
            int n = 0;
            for (int w : words) {
                int i = w < 0 ? -1 : byId[w];
                if (i >= 0 && !seen[i - tfidf.dimensions()]) {
                    seen[i - tfidf.dimensions()] = true;
                    known[n++] = i;
                }
            }
            for (int k = 0; k < n; k++) {
                seen[known[k] - tfidf.dimensions()] = false;
            }
            return Arrays.copyOf(known, n);
        }

        /** The ids of the {@link PolarityModel#words} of a text. */
        private int[] wordIds(String text) {
            return PolarityModel.words(text).stream().mapToInt(tfidf::wordId).toArray();
        }

        /**
         * The ids of the {@link #words} of a neighbouring clause, repeats included, from its TF-IDF terms when they
         * are the same: a clause is read as a neighbour and as a unit, and once is enough. They are, when the text
         * has no surrogate characters (nor has its lower-cased form: no BMP character lower-cases outside it): both
         * are then the runs of letters and digits of two characters or more of the lower-cased text, in order.
         */
        private int[] neighbourWords(String text) {
            for (int i = 0; i < text.length(); i++) {
                if (Character.isSurrogate(text.charAt(i))) {
                    return wordIds(text);
                }
            }
            return terms(text).words();
        }

        /** The unit's vector (see {@link PolarityModel#vector}). */
        TfidfLogistic.Vector vector(Unit u) {
            return PolarityModel.this.vector(List.of(terms(u.text())), u.context(), u.neighbours(), u.cues(), this);
        }

        /**
         * The vector of a group read as one unit, as {@code vector(whole(group))} but without re-reading its texts
         * (nor joining them: the whole unit's text is only read through its terms).
         */
        TfidfLogistic.Vector whole(List<Unit> group) {
            List<TfidfLogistic.Terms> parts = new ArrayList<>(group.size());
            List<String> cues = new ArrayList<>();
            for (Unit u : group) {
                parts.add(terms(u.text()));
                cues.addAll(u.cues());
            }
            return PolarityModel.this.vector(parts, "", List.of(), cues, this);
        }
    }

    /**
     * The unit's vector: TF-IDF of its words, then its cues, its context words and its neighbour words, each block
     * L2-normalised (binary cues at full weight were tried: worse, 0.839 against 0.856 micro-F1 on Does/Does Not).
     * The extra features are those of {@link #extraFeatures}, in its order (which fixes the rounding of the sums).
     *
     * @param text       the terms of the unit's text, as texts joined by spaces
     * @param context    the unit's {@link Unit#context}
     * @param neighbours the unit's {@link Unit#neighbours}
     * @param cues       the unit's {@link Unit#cues}
     */
    private TfidfLogistic.Vector vector(List<TfidfLogistic.Terms> text, String context, List<String> neighbours,
                                        List<String> cues, Reader r) {
        TfidfLogistic.Vector words = tfidf.vector(text);
        int[] contextFeatures = r.contextFeatures(context);
        int[][] nearFeatures = new int[neighbours.size()][];
        int capacity = cues.size() + contextFeatures.length;
        for (int k = 0; k < nearFeatures.length; k++) {
            nearFeatures[k] = r.nearFeatures(neighbours.get(k));
            capacity += nearFeatures[k].length;
        }
        int[][] blocks = new int[3][capacity];
        int[] sizes = new int[3];
        for (String f : cues) {
            Integer i = extra.get(f);
            if (i != null) {
                place(i, blockOf[i - tfidf.dimensions()], blocks, sizes, r.placed);
            }
        }
        for (int i : contextFeatures) {
            place(i, 1, blocks, sizes, r.placed);
        }
        for (int[] features : nearFeatures) {
            for (int i : features) {
                place(i, 2, blocks, sizes, r.placed);
            }
        }
        double[] blockWeights = {CUE_WEIGHT, CONTEXT_WEIGHT, NEIGHBOUR_WEIGHT};
        int n = words.index().length;
        int size = n + sizes[0] + sizes[1] + sizes[2];
        int[] index = Arrays.copyOf(words.index(), size);
        double[] value = Arrays.copyOf(words.value(), size);
        int k = n;
        for (int b = 0; b < blocks.length; b++) {
            for (int j = 0; j < sizes[b]; j++) {
                index[k] = blocks[b][j];
                value[k++] = blockWeights[b] / Math.sqrt(sizes[b]);
                r.placed[blocks[b][j] - tfidf.dimensions()] = false;
            }
        }
        return new TfidfLogistic.Vector(index, value);
    }

    /** Adds a feature to its block unless it is already in one: the de-duplication of {@link #extraFeatures}. */
    private void place(int feature, int block, int[][] blocks, int[] sizes, boolean[] placed) {
        if (!placed[feature - tfidf.dimensions()]) {
            placed[feature - tfidf.dimensions()] = true;
            blocks[block][sizes[block]++] = feature;
        }
    }

    /** The probabilities that the clause states a practice that is done, and one that is not done. */
    public double[] probabilities(Unit u) {
        return probabilities(new Reader().vector(u));
    }

    /**
     * The probabilities of a group of clauses read as one unit: those of {@code probabilities(whole(group))},
     * from each clause's words read once.
     */
    public double[] wholeProbabilities(List<Unit> group) {
        return probabilities(new Reader().whole(group));
    }

    /**
     * {@code does.probability(x)} and {@code doesNot.probability(x)} in one pass over the vector, from the weights
     * side by side (one memory access for both): each sum is made in the same order, so rounds the same.
     */
    private double[] probabilities(TfidfLogistic.Vector x) {
        int[] index = x.index();
        double[] value = x.value();
        double z0 = does.bias();
        double z1 = doesNot.bias();
        for (int i = 0; i < index.length; i++) {
            z0 += weights[2 * index[i]] * value[i];
            z1 += weights[2 * index[i] + 1] * value[i];
        }
        return new double[] {1 / (1 + Math.exp(-z0)), 1 / (1 + Math.exp(-z1))};
    }

    /**
     * The clause's polarity: does-not when the "not done" probability reaches its threshold (a negated practice
     * outweighs the practice it negates), else does when the "done" one reaches its own, else null (no practice
     * stated).
     */
    public Clause.Polarity decide(Unit u) {
        return decide(probabilities(u), doesThreshold, doesNotThreshold);
    }

    /** {@link #decide(Unit)} for known probabilities and thresholds. */
    public static Clause.Polarity decide(double[] p, double doesFrom, double doesNotFrom) {
        if (p[1] >= doesNotFrom) {
            return Clause.Polarity.DOES_NOT;
        }
        return p[0] >= doesFrom ? Clause.Polarity.DOES : null;
    }

    // ---------------------------------------------------------------- groups of clauses

    /** Number of {@link #groupFeatures}. */
    public static final int GROUP_FEATURES = 4;

    /**
     * The runs of consecutive clauses that share a section, as [from, to) positions: the groups decided together,
     * the nearest thing in a pipeline document to an OPP-115 segment.
     */
    public static List<int[]> groups(List<Clause> clauses) {
        List<int[]> out = new ArrayList<>();
        int from = 0;
        for (int i = 1; i <= clauses.size(); i++) {
            if (i == clauses.size() || clauses.get(i).sectionId() != clauses.get(from).sectionId()) {
                out.add(new int[] {from, i});
                from = i;
            }
        }
        return out;
    }

    /** A group of clauses read as one unit: their texts, no context, all their cues (as the segments in training). */
    public static Unit whole(List<Unit> group) {
        StringBuilder text = new StringBuilder();
        List<String> cues = new ArrayList<>();
        for (Unit u : group) {
            text.append(text.length() > 0 ? " " : "").append(u.text());
            cues.addAll(u.cues());
        }
        return new Unit(text.toString(), "", List.of(), cues);
    }

    /**
     * What a combiner reads of a group, for value 0 ("does") or 1 ("does not"): the log-odds of the value for the
     * group's most probable clause and for the whole group, the log-odds of the other value for its most probable
     * clause, and the log of the number of clauses.
     *
     * @param clauses per clause, its {@link #probabilities}
     * @param whole   the probabilities of the {@link #whole} group
     */
    public static double[] groupFeatures(List<double[]> clauses, double[] whole, int value) {
        double[] max = {0, 0};
        for (double[] p : clauses) {
            max[0] = Math.max(max[0], p[0]);
            max[1] = Math.max(max[1], p[1]);
        }
        return new double[] {logit(max[value]), logit(whole[value]), logit(max[1 - value]), Math.log(clauses.size())};
    }

    /** Full-batch gradient descent of a combiner: steps, step size and L2 penalty (few features, many groups). */
    private static final int COMBINER_STEPS = 3000;
    private static final double COMBINER_STEP = 0.5;
    private static final double COMBINER_L2 = 1e-2;

    /**
     * Learns a combiner from groups' features and whether each group states the value (threshold 0.5): an
     * L2-regularised logistic regression by full-batch gradient descent on features standardised over these groups,
     * folded back into weights of the raw features. Deterministic.
     */
    public static Combiner fitCombiner(List<double[]> features, boolean[] states) {
        int n = features.size();
        int d = GROUP_FEATURES;
        double[] mean = new double[d];
        double[] sd = new double[d];
        for (double[] f : features) {
            for (int j = 0; j < d; j++) {
                mean[j] += f[j] / n;
            }
        }
        for (double[] f : features) {
            for (int j = 0; j < d; j++) {
                sd[j] += (f[j] - mean[j]) * (f[j] - mean[j]) / n;
            }
        }
        double[][] z = new double[n][d];
        for (int j = 0; j < d; j++) {
            sd[j] = Math.sqrt(sd[j]) + 1e-9;
            for (int i = 0; i < n; i++) {
                z[i][j] = (features.get(i)[j] - mean[j]) / sd[j];
            }
        }
        double[] w = new double[d];
        double b = 0;
        for (int step = 0; step < COMBINER_STEPS; step++) {
            double[] g = new double[d];
            double gb = 0;
            for (int i = 0; i < n; i++) {
                double s = b;
                for (int j = 0; j < d; j++) {
                    s += w[j] * z[i][j];
                }
                double err = 1 / (1 + Math.exp(-s)) - (states[i] ? 1 : 0);
                for (int j = 0; j < d; j++) {
                    g[j] += err * z[i][j] / n;
                }
                gb += err / n;
            }
            for (int j = 0; j < d; j++) {
                w[j] -= COMBINER_STEP * (g[j] + COMBINER_L2 * w[j]);
            }
            b -= COMBINER_STEP * gb;
        }
        double[] raw = new double[d];
        double bias = b;
        for (int j = 0; j < d; j++) {
            raw[j] = w[j] / sd[j];
            bias -= raw[j] * mean[j];
        }
        return new Combiner(raw, bias, 0.5);
    }

    private static double logit(double p) {
        double q = Math.min(Math.max(p, 1e-4), 1 - 1e-4);
        return Math.log(q / (1 - q));
    }

    /**
     * The polarity of every clause of a document, in order, decided {@link #groups group} by group: what
     * {@code annotate} gives each clause and what the evaluation scores.
     *
     * @param clauses the document's clauses, in order
     * @param units   what the model reads of each of them
     */
    public List<Clause.Polarity> decideAll(List<Clause> clauses, List<Unit> units) {
        List<Clause.Polarity> out = new ArrayList<>(clauses.size());
        Reader reader = new Reader();
        for (int[] g : groups(clauses)) {
            out.addAll(decide(units.subList(g[0], g[1]), reader));
        }
        return out;
    }

    /** The polarity of each clause of a group (a run of one section's clauses, in order), see {@link #decide(List, double[], double, double, Combiner, Combiner)}. */
    public List<Clause.Polarity> decide(List<Unit> group) {
        return decide(group, new Reader());
    }

    private List<Clause.Polarity> decide(List<Unit> group, Reader reader) {
        List<double[]> ps = new ArrayList<>(group.size());
        for (Unit u : group) {
            ps.add(probabilities(reader.vector(u)));
        }
        double[] whole = groupDoes == null ? null : probabilities(reader.whole(group));
        return decide(ps, whole, doesThreshold, doesNotThreshold, groupDoes, groupDoesNot);
    }

    /**
     * The polarity of each clause of a group from known probabilities: each clause's own decision, then, with
     * combiners, made to agree with the group's: a value the group does not state is taken off its clauses (a
     * "does not" clause becomes "does" if its own "does" probability allows), and a value it states but no clause
     * carries goes to its most probable clause (for "does", one not already "does not").
     *
     * @param clauses per clause, its probabilities
     * @param whole   the whole group's probabilities (ignored without combiners)
     */
    public static List<Clause.Polarity> decide(List<double[]> clauses, double[] whole, double doesFrom,
                                               double doesNotFrom, Combiner groupDoes, Combiner groupDoesNot) {
        List<Clause.Polarity> out = new ArrayList<>(clauses.size());
        for (double[] p : clauses) {
            out.add(decide(p, doesFrom, doesNotFrom));
        }
        if (groupDoes == null || clauses.isEmpty()) {
            return out;
        }
        boolean statesDoesNot = groupDoesNot.probability(groupFeatures(clauses, whole, 1)) >= groupDoesNot.threshold();
        boolean statesDoes = groupDoes.probability(groupFeatures(clauses, whole, 0)) >= groupDoes.threshold();
        settle(out, clauses, 1, Clause.Polarity.DOES_NOT, statesDoesNot, doesFrom);
        settle(out, clauses, 0, Clause.Polarity.DOES, statesDoes, doesFrom);
        return out;
    }

    /** Makes the clauses' decisions agree with whether the group states one value (see {@link #decide}). */
    private static void settle(List<Clause.Polarity> out, List<double[]> clauses, int value, Clause.Polarity pol,
                               boolean states, double doesFrom) {
        int best = -1;
        for (int i = 0; i < out.size(); i++) {
            if (!states && out.get(i) == pol) {
                out.set(i, pol == Clause.Polarity.DOES_NOT && clauses.get(i)[0] >= doesFrom ? Clause.Polarity.DOES : null);
            }
            if (out.get(i) == pol) {
                return;
            }
            boolean free = pol == Clause.Polarity.DOES_NOT || out.get(i) != Clause.Polarity.DOES_NOT;
            if (free && (best < 0 || clauses.get(i)[value] > clauses.get(best)[value])) {
                best = i;
            }
        }
        if (states && best >= 0) {
            out.set(best, pol);
        }
    }

    // ---------------------------------------------------------------- files

    /** The model shipped with policyminer, when the jar (or the classpath) carries it. */
    public static Optional<PolarityModel> bundled() {
        InputStream in = PolarityModel.class.getResourceAsStream("/models/" + BUNDLED_NAME);
        if (in == null) {
            return Optional.empty();
        }
        try (in) {
            return Optional.of(read(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled polarity model", e);
        }
    }

    /** Reads a model written by {@link #save}. */
    public static PolarityModel load(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return read(in);
        }
    }

    /**
     * Writes the model as UTF-8 text, atomically: a header, the two intercepts, the two thresholds, the combiners
     * ({@code G does|does-not threshold bias weights...}, when there are), then one line per word feature
     * ({@code T term idf w_does w_does_not}) and per cue or context feature ({@code C name w_does w_does_not}).
     */
    public void save(Path path) throws IOException {
        Path dir = path.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        try (AtomicFile file = new AtomicFile(path)) {
            Writer w = file.writer();
            w.write(MAGIC + "\n");
            w.write("B\t" + does.bias() + "\t" + doesNot.bias() + "\n");
            w.write("H\t" + doesThreshold + "\t" + doesNotThreshold + "\n");
            if (groupDoes != null) {
                writeCombiner(w, "does", groupDoes);
                writeCombiner(w, "does-not", groupDoesNot);
            }
            for (Map.Entry<String, Integer> e : new TreeMap<>(tfidf.vocabulary()).entrySet()) {
                int d = e.getValue();
                w.write("T\t" + e.getKey() + "\t" + tfidf.idf(d) + "\t" + (float) does.weight(d) + "\t"
                        + (float) doesNot.weight(d) + "\n");
            }
            for (Map.Entry<String, Integer> e : new TreeMap<>(extra).entrySet()) {
                int d = e.getValue();
                w.write("C\t" + e.getKey() + "\t" + (float) does.weight(d) + "\t" + (float) doesNot.weight(d) + "\n");
            }
            file.commit();
        }
    }

    private static void writeCombiner(Writer w, String name, Combiner c) throws IOException {
        StringBuilder sb = new StringBuilder("G\t" + name + "\t" + c.threshold() + "\t" + c.bias());
        for (double x : c.weights()) {
            sb.append('\t').append(x);
        }
        w.write(sb.append('\n').toString());
    }

    private static PolarityModel read(InputStream in) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        if (!MAGIC.equals(r.readLine())) {
            throw new IOException("not a policyminer polarity model");
        }
        double[] bias = null;
        double[] thresholds = {0.5, 0.5};
        Map<String, Combiner> combiners = new HashMap<>();
        Map<String, Integer> vocabulary = new HashMap<>();
        List<Double> idf = new ArrayList<>();
        List<String> extraNames = new ArrayList<>();
        List<double[]> wordWeights = new ArrayList<>();
        List<double[]> extraWeights = new ArrayList<>();
        for (String line = r.readLine(); line != null; line = r.readLine()) {
            String[] f = line.split("\t", -1);
            try {
                switch (f[0]) {
                    case "B" -> bias = new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2])};
                    case "H" -> thresholds = new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2])};
                    case "G" -> {
                        double[] ws = new double[f.length - 4];
                        for (int i = 0; i < ws.length; i++) {
                            ws[i] = Double.parseDouble(f[4 + i]);
                        }
                        if (ws.length != GROUP_FEATURES) {
                            throw new IOException("combiner of the wrong size in polarity model: " + line);
                        }
                        combiners.put(f[1], new Combiner(ws, Double.parseDouble(f[3]), Double.parseDouble(f[2])));
                    }
                    case "T" -> {
                        vocabulary.put(f[1], vocabulary.size());
                        idf.add(Double.parseDouble(f[2]));
                        wordWeights.add(new double[] {Double.parseDouble(f[3]), Double.parseDouble(f[4])});
                    }
                    case "C" -> {
                        extraNames.add(f[1]);
                        extraWeights.add(new double[] {Double.parseDouble(f[2]), Double.parseDouble(f[3])});
                    }
                    default -> throw new IOException("unknown line in polarity model: " + line);
                }
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                throw new IOException("malformed line in polarity model: " + line, e);
            }
        }
        if (bias == null) {
            throw new IOException("polarity model without intercepts");
        }
        if (combiners.containsKey("does") != combiners.containsKey("does-not")) {
            throw new IOException("polarity model with one combiner only");
        }
        double[] idfs = idf.stream().mapToDouble(Double::doubleValue).toArray();
        TfidfLogistic tfidf = TfidfLogistic.of(vocabulary, idfs);
        Map<String, Integer> extra = new HashMap<>();
        int dims = idfs.length + extraNames.size();
        double[] wd = new double[dims];
        double[] wn = new double[dims];
        for (int i = 0; i < idfs.length; i++) {
            wd[i] = wordWeights.get(i)[0];
            wn[i] = wordWeights.get(i)[1];
        }
        for (int i = 0; i < extraNames.size(); i++) {
            extra.put(extraNames.get(i), idfs.length + i);
            wd[idfs.length + i] = extraWeights.get(i)[0];
            wn[idfs.length + i] = extraWeights.get(i)[1];
        }
        return new PolarityModel(tfidf, extra, TfidfLogistic.Model.of(wd, bias[0]), TfidfLogistic.Model.of(wn, bias[1]),
                thresholds[0], thresholds[1], combiners.get("does"), combiners.get("does-not"));
    }

    /** The vectoriser of the clauses' own words. */
    TfidfLogistic tfidf() {
        return tfidf;
    }

    /** The rule-cue, context-word and neighbour-word features ({@link #extraFeatures}): name to dimension. */
    Map<String, Integer> extra() {
        return java.util.Collections.unmodifiableMap(extra);
    }

    /** The regressions of "does" and "does not". */
    TfidfLogistic.Model[] models() {
        return new TfidfLogistic.Model[] {does, doesNot};
    }

    /** The number of features (words, cues and context words), for reports. */
    public int features() {
        return tfidf.dimensions() + extra.size();
    }

    /** Cue and context features sorted by weight for "does not", strongest first, for the model card. */
    public List<String> strongestDoesNotCues(int n) {
        TreeSet<String> sorted = new TreeSet<>((a, b) -> {
            int c = Double.compare(doesNot.weight(extra.get(b)), doesNot.weight(extra.get(a)));
            return c != 0 ? c : a.compareTo(b);
        });
        sorted.addAll(extra.keySet());
        List<String> out = new ArrayList<>();
        for (String f : sorted) {
            if (out.size() == n) {
                break;
            }
            out.add(String.format(Locale.ROOT, "%s %.2f", f, doesNot.weight(extra.get(f))));
        }
        return out;
    }
}
