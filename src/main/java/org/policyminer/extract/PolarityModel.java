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
 * <p>Trained on OPP-115 clauses ({@code policyminer train-polarity}); the trained file is plain text, shipped in
 * {@code models/}. Immutable and thread-safe.
 */
public final class PolarityModel {

    /** The file name of the shipped model, in {@code models/} of the checkout and {@code /models/} of the jar. */
    public static final String BUNDLED_NAME = "policyminer-polarity.model";
    /** Weights of the rule cues, context-words and neighbour-words blocks, against the clause's own words (1). */
    private static final double CUE_WEIGHT = 1.0;
    private static final double CONTEXT_WEIGHT = 0.5;
    private static final double NEIGHBOUR_WEIGHT = 0.25;
    /** A cue or context word seen fewer times in training is not a feature. */
    private static final int MIN_COUNT = 2;
    private static final String MAGIC = "policyminer-polarity-model\t1";

    /**
     * What the model reads of one clause.
     *
     * @param text    the clause
     * @param context    the clause's list lead-in and section titles (words only count)
     * @param neighbours the previous and next clauses (words only count)
     * @param cues       the extractor's rule cues ({@link Extractor#polarityUnit})
     */
    public record Unit(String text, String context, String neighbours, List<String> cues) {
        public Unit {
            cues = List.copyOf(cues);
        }
    }

    private final TfidfLogistic tfidf;
    private final Map<String, Integer> extra;
    private final TfidfLogistic.Model does;
    private final TfidfLogistic.Model doesNot;
    /** Probabilities from which a clause is given "does" and "does not". */
    private final double doesThreshold;
    private final double doesNotThreshold;

    private PolarityModel(TfidfLogistic tfidf, Map<String, Integer> extra, TfidfLogistic.Model does,
                          TfidfLogistic.Model doesNot, double doesThreshold, double doesNotThreshold) {
        this.tfidf = tfidf;
        this.extra = extra;
        this.does = does;
        this.doesNot = doesNot;
        this.doesThreshold = doesThreshold;
        this.doesNotThreshold = doesNotThreshold;
    }

    /** The same model deciding with other thresholds (chosen on held-out data, see {@code PolarityData}). */
    public PolarityModel withThresholds(double doesFrom, double doesNotFrom) {
        return new PolarityModel(tfidf, extra, does, doesNot, doesFrom, doesNotFrom);
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
        PolarityModel shape = new PolarityModel(tfidf, extra, null, null, 0.5, 0.5);
        List<TfidfLogistic.Vector> xs = new ArrayList<>(units.size());
        for (Unit u : units) {
            xs.add(shape.vector(u));
        }
        int dims = tfidf.dimensions() + extra.size();
        return new PolarityModel(tfidf, extra, tfidf.train(xs, does, dims), tfidf.train(xs, doesNot, dims), 0.5, 0.5);
    }

    /** The cue features, context words and neighbour words of a unit, de-duplicated, in a stable order. */
    private static Set<String> extraFeatures(Unit u) {
        Set<String> out = new LinkedHashSet<>(u.cues());
        words("context=", u.context(), out);
        words("near=", u.neighbours(), out);
        return out;
    }

    private static void words(String prefix, String text, Set<String> out) {
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (w.length() >= 2) {
                out.add(prefix + w);
            }
        }
    }

    /**
     * The unit's vector: TF-IDF of its words, then its cues, its context words and its neighbour words, each block
     * L2-normalised (binary cues at full weight were tried: worse, 0.839 against 0.856 micro-F1 on Does/Does Not).
     */
    private TfidfLogistic.Vector vector(Unit u) {
        TfidfLogistic.Vector words = tfidf.vector(u.text());
        List<List<Integer>> blocks = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (String f : extraFeatures(u)) {
            Integer i = extra.get(f);
            if (i != null) {
                blocks.get(f.startsWith("context=") ? 1 : f.startsWith("near=") ? 2 : 0).add(i);
            }
        }
        double[] weights = {CUE_WEIGHT, CONTEXT_WEIGHT, NEIGHBOUR_WEIGHT};
        int n = words.index().length;
        int size = n + blocks.get(0).size() + blocks.get(1).size() + blocks.get(2).size();
        int[] index = Arrays.copyOf(words.index(), size);
        double[] value = Arrays.copyOf(words.value(), size);
        int k = n;
        for (int b = 0; b < blocks.size(); b++) {
            for (int i : blocks.get(b)) {
                index[k] = i;
                value[k++] = weights[b] / Math.sqrt(blocks.get(b).size());
            }
        }
        return new TfidfLogistic.Vector(index, value);
    }

    /** The probabilities that the clause states a practice that is done, and one that is not done. */
    public double[] probabilities(Unit u) {
        TfidfLogistic.Vector x = vector(u);
        return new double[] {does.probability(x), doesNot.probability(x)};
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
     * Writes the model as UTF-8 text, atomically: a header, the two intercepts, the two thresholds, then one line per word feature
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

    private static PolarityModel read(InputStream in) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        if (!MAGIC.equals(r.readLine())) {
            throw new IOException("not a policyminer polarity model");
        }
        double[] bias = null;
        double[] thresholds = {0.5, 0.5};
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
                thresholds[0], thresholds[1]);
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
