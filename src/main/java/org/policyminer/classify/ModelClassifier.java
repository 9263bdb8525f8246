package org.policyminer.classify;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.policyminer.doc.Clause;

/**
 * A trained clause classifier: hashed {@link Features}, one-vs-rest logistic regression and naive Bayes, a
 * {@link Calibration} stage that turns their scores and the lexicon's into calibrated probabilities, and a per-label
 * threshold tuned by cross-validation on the training data.
 *
 * <p>Categories the training data has no examples of (for OPP-115: {@code legal-basis},
 * {@code international-transfer}) come from the {@link LexiconClassifier}; so do GDPR rights the model never saw
 * (portability, objection, complaints), which raise the {@code rights} score. When the training data merges
 * children with other audiences (OPP-115's "International and Specific Audiences"), the lexicon tells them apart.
 *
 * <p>Immutable and thread-safe. Load the shipped model with {@link #bundled()}, any other with {@link #load(Path)}.
 */
public final class ModelClassifier implements ClauseClassifier {

    /** Where the shipped model sits, in {@code models/} of a checkout and on the class path. */
    public static final String BUNDLED_NAME = "policyminer-opp115.model";
    private static final String MAGIC = "policyminer-classifier";
    /** Version 3 added the side-input width and the nearest-neighbour index; version 2 files still load. */
    private static final int VERSION = 3;
    /** Lexicon scores at or above this assign the categories the model does not cover. */
    private static final double LEXICON_THRESHOLD = 0.5;
    /** Lexicon scores at or above this also assign categories the model covers. */
    private static final double STRONG_LEXICON = 0.6;
    private static final boolean LEXICON_UNION = !Boolean.getBoolean("policyminer.noLexiconUnion");

    private final List<String> labels;
    /** The category of each label, null for a label that is none. */
    private final Category[] labelCategories;
    private final Features features;
    /** Both stages folded into one linear map (see {@link Calibration.Folded}). */
    private final Calibration.Folded model;
    /** Votes of the nearest training texts, a side input of the folded model; null when the model has none. */
    private final NearestNeighbours neighbours;
    private final boolean lexiconCalibrated;
    private final double[] thresholds;
    private final String description;
    private final LexiconClassifier lexicon;
    private final LexiconClassifier gdprRights;

    ModelClassifier(List<String> labels, Features features, Calibration.Folded model, NearestNeighbours neighbours,
                    double[] thresholds, String description) {
        this.labels = List.copyOf(labels);
        this.labelCategories = categories(this.labels);
        this.features = features;
        this.model = model;
        this.neighbours = neighbours;
        this.lexiconCalibrated = lexiconCalibrated(model);
        this.thresholds = thresholds.clone();
        this.description = description;
        this.lexicon = LexiconClassifier.bundled();
        this.gdprRights = LexiconClassifier.fromResource("gdpr-rights.tsv");
    }

    /** The taxonomy ids the model itself scores, in output order. */
    public List<String> labels() {
        return labels;
    }

    /** The decision threshold of each label the model scores, on the calibrated score. */
    public Map<String, Double> thresholds() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            out.put(labels.get(i), thresholds[i]);
        }
        return out;
    }

    /** What the model was trained on and how, as recorded at training time. */
    public String description() {
        return description;
    }

    /** Both stages folded into one linear map: what {@link #predict(Unit)} scores with. */
    Calibration.Folded folded() {
        return model;
    }

    /** The feature extractor. */
    public Features features() {
        return features;
    }

    /**
     * The shipped model: {@code models/policyminer-opp115.model} from the class path (the jar carries it), or
     * empty when this build has none.
     */
    public static Optional<ModelClassifier> bundled() {
        InputStream in = ModelClassifier.class.getResourceAsStream("/models/" + BUNDLED_NAME);
        if (in == null) {
            return Optional.empty();
        }
        try (in) {
            return Optional.of(read(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled model", e);
        }
    }

    /** Loads a model written by {@link #save(Path)}. */
    public static ModelClassifier load(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return read(in);
        } catch (IOException e) {
            throw new IOException("cannot read model " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<Prediction> predict(List<Clause> clauses) {
        return predictUnits(Unit.of(clauses));
    }

    /** Returns one prediction per unit, in the order given. */
    public List<Prediction> predictUnits(List<Unit> units) {
        List<Prediction> out = new ArrayList<>(units.size());
        for (Unit u : units) {
            out.add(predict(u));
        }
        return out;
    }

    /** Scores and categories of one unit. */
    public Prediction predict(Unit u) {
        // A model trained without lexicon features (the plain baseline) stays a pure model: no lexicon at all.
        boolean useLexicon = features.config().lexiconWeight() > 0;
        // By category ordinal, NaN where the lexicon has nothing.
        double[] lex = useLexicon ? lexicon.scoreArray(u.text(), u.section(), u.leadIn()) : NO_SCORES;
        double[] side = lexiconInputs(labelCategories, lex);
        Features.Entries x = features.entries(u, lex, neighbours != null);
        if (neighbours != null) {
            side = Arrays.copyOf(side, 2 * labels.size());
            double[] votes = neighbours.votes(NearestNeighbours.cap(x.text(), Trainer.NEIGHBOUR_FEATURES));
            System.arraycopy(votes, 0, side, labels.size(), votes.length);
        }
        double[] z = model.logits(x.index(), x.value(), x.size(), side);
        Map<String, Double> scores = new LinkedHashMap<>();
        List<String> assigned = new ArrayList<>();
        for (int l = 0; l < labels.size(); l++) {
            double p = LogisticRegression.sigmoid(z[l]);
            scores.put(labels.get(l), p);
            if (p >= thresholds[l]) {
                assigned.add(labels.get(l));
            }
        }
        if (!useLexicon) {
            return order(scores, assigned);
        }
        if (LEXICON_UNION && !lexiconCalibrated) {
            // A strong lexicon match (an explicit phrase such as "retention period" or "opt out") assigns its
            // category even where the model, trained on 2015 US phrasing, is unsure. A calibration stage that has
            // the lexicon scores as inputs learnt how far to trust them instead (it measured better, models/README.md).
            for (Category c : Category.values()) {
                String id = c.id();
                double v = lex[c.ordinal()];
                if (v >= STRONG_LEXICON && scores.containsKey(id) && v > scores.get(id)) {
                    scores.put(id, v);
                    if (!assigned.contains(id)) {
                        assigned.add(id);
                    }
                }
            }
        }
        splitAudiences(scores, assigned, lex);
        for (Category c : Category.values()) {
            if (!scores.containsKey(c.id())) {
                double s = score(lex, c);
                scores.put(c.id(), s);
                if (s >= LEXICON_THRESHOLD) {
                    assigned.add(c.id());
                }
            }
        }
        if (scores.containsKey(Category.RIGHTS.id())) {
            double g = score(gdprRights.scoreArray(u.text(), "", u.leadIn()), Category.RIGHTS);
            if (g >= LEXICON_THRESHOLD && g > scores.get(Category.RIGHTS.id())) {
                scores.put(Category.RIGHTS.id(), g);
                if (!assigned.contains(Category.RIGHTS.id())) {
                    assigned.add(Category.RIGHTS.id());
                }
            }
        }
        return order(scores, assigned);
    }

    /** Whether the model learnt how far to trust the lexicon (its calibration weighs the lexicon scores). */
    private static boolean lexiconCalibrated(Calibration.Folded model) {
        for (double[] row : model.lexicon()) {
            for (double v : row) {
                if (v != 0) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A category's score in scores by category ordinal, 0 where there is none (NaN). */
    private static double score(double[] scores, Category c) {
        double s = scores[c.ordinal()];
        return Double.isNaN(s) ? 0.0 : s;
    }

    /** No lexicon scores at all, by category ordinal. */
    private static final double[] NO_SCORES = LexiconClassifier.toArray(Map.of());

    /** The category of each label, in label order (null for a label that is no category). */
    private static Category[] categories(List<String> labels) {
        Category[] out = new Category[labels.size()];
        for (int l = 0; l < out.length; l++) {
            out[l] = Category.byId(labels.get(l)).orElse(null);
        }
        return out;
    }

    /** The lexicon scores of the model's labels, in label order (0 where the lexicon has nothing). */
    static double[] lexiconInputs(List<String> labels, Map<Category, Double> lex) {
        return lexiconInputs(categories(labels), LexiconClassifier.toArray(lex));
    }

    /** The same from the labels' categories and the lexicon's scores by category ordinal (NaN: none). */
    private static double[] lexiconInputs(Category[] labelCategories, double[] lex) {
        double[] out = new double[labelCategories.length];
        for (int l = 0; l < out.length; l++) {
            out[l] = labelCategories[l] == null ? 0.0 : score(lex, labelCategories[l]);
        }
        return out;
    }

    /**
     * When the model knows "audiences" but not "children" (OPP-115 merges them), a clause the lexicon recognises
     * as being about children carries the model's score under {@code children}; {@code audiences} then keeps
     * only what the lexicon finds for other audiences.
     */
    private void splitAudiences(Map<String, Double> scores, List<String> assigned, double[] lex) {
        String aud = Category.AUDIENCES.id();
        String kids = Category.CHILDREN.id();
        if (!scores.containsKey(aud) || scores.containsKey(kids)) {
            return;
        }
        double p = scores.get(aud);
        double kidsLex = score(lex, Category.CHILDREN);
        if (kidsLex >= LEXICON_THRESHOLD) {
            scores.put(kids, p);
            double other = Math.min(p, score(lex, Category.AUDIENCES));
            scores.put(aud, other);
            int i = assigned.indexOf(aud);
            if (i >= 0) {
                assigned.set(i, kids);
                if (other >= LEXICON_THRESHOLD) {
                    assigned.add(aud);
                }
            }
        } else {
            scores.put(kids, 0.0);
        }
    }

    /**
     * The scores rounded to four decimals, highest first (ties keep their order), and the assigned categories by
     * descending score (ties likewise): what sorting the map's entries with {@code Double}'s order gives, without
     * streams and comparators on every clause.
     */
    private static Prediction order(Map<String, Double> scores, List<String> assigned) {
        int n = scores.size();
        String[] ids = new String[n];
        double[] values = new double[n];
        int k = 0;
        for (Map.Entry<String, Double> e : scores.entrySet()) {
            // Insertion sort, stable: an entry moves before those it exceeds in Double.compare's order.
            int j = k++;
            double v = e.getValue();
            while (j > 0 && Double.compare(values[j - 1], v) < 0) {
                ids[j] = ids[j - 1];
                values[j] = values[j - 1];
                j--;
            }
            ids[j] = e.getKey();
            values[j] = v;
        }
        Map<String, Double> byId = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            byId.put(ids[i], Math.round(values[i] * 1e4) / 1e4);
        }
        String[] cats = assigned.toArray(new String[0]);
        for (int i = 1; i < cats.length; i++) {
            String c = cats[i];
            double key = -scores.get(c);
            int j = i;
            while (j > 0 && Double.compare(-scores.get(cats[j - 1]), key) > 0) {
                cats[j] = cats[j - 1];
                j--;
            }
            cats[j] = c;
        }
        return new Prediction(byId, new ArrayList<>(Arrays.asList(cats)));
    }

    /** Writes the model (gzip-compressed, half-precision weights) to a file, atomically. */
    public void save(Path path) throws IOException {
        Path dir = path.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path partial = path.resolveSibling(path.getFileName() + ".partial");
        try (OutputStream os = Files.newOutputStream(partial)) {
            write(os);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        try {
            Files.move(partial, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(partial, path, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private void write(OutputStream os) throws IOException {
        GZIPOutputStream gz = new GZIPOutputStream(new BufferedOutputStream(os, 1 << 16));
        DataOutputStream out = new DataOutputStream(gz);
        out.writeUTF(MAGIC);
        out.writeInt(VERSION);
        out.writeUTF(description);
        Features.Config c = features.config();
        out.writeInt(c.bits());
        out.writeBoolean(c.chars());
        out.writeDouble(c.contextWeight());
        out.writeDouble(c.neighbourWeight());
        out.writeBoolean(c.position());
        out.writeDouble(c.lexiconWeight());
        out.writeInt(labels.size());
        out.writeInt(model.lexicon()[0].length);
        for (int l = 0; l < labels.size(); l++) {
            out.writeUTF(labels.get(l));
            out.writeFloat(model.weights().bias()[l]);
            out.writeDouble(thresholds[l]);
            for (double v : model.lexicon()[l]) {
                out.writeDouble(v);
            }
        }
        // Half precision keeps the file a few MB; the rounding error (1e-3 relative) does not move a decision.
        writeHalf(out, features.idf());
        writeHalf(out, model.weights().w());
        out.writeBoolean(neighbours != null);
        if (neighbours != null) {
            neighbours.write(out);
        }
        out.flush();
        gz.finish();
        gz.flush();
    }

    private static ModelClassifier read(InputStream raw) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(new GZIPInputStream(raw), 1 << 16));
        if (!MAGIC.equals(in.readUTF())) {
            throw new IOException("not a policyminer model");
        }
        int version = in.readInt();
        if (version != VERSION && version != 2) {
            throw new IOException("model format version " + version + " is not supported (expected " + VERSION + ")");
        }
        String description = in.readUTF();
        Features.Config c = new Features.Config(in.readInt(), in.readBoolean(), in.readDouble(), in.readDouble(),
                in.readBoolean(), in.readDouble());
        if (c.bits() < 8 || c.bits() > 24) {
            throw new IOException("corrupt model: " + c.bits() + " hash bits");
        }
        int n = in.readInt();
        int side = version == 2 ? n : in.readInt();
        if (n < 1 || (side != n && side != 2 * n)) {
            throw new IOException("corrupt model: " + n + " labels, " + side + " side inputs");
        }
        List<String> labels = new ArrayList<>();
        float[] bias = new float[n];
        double[] t = new double[n];
        double[][] lex = new double[n][side];
        for (int l = 0; l < n; l++) {
            labels.add(in.readUTF());
            bias[l] = in.readFloat();
            t[l] = in.readDouble();
            for (int k = 0; k < side; k++) {
                lex[l][k] = in.readDouble();
            }
        }
        int dims = 1 << c.bits();
        float[] idf = readHalf(in, dims);
        float[] w = readHalf(in, dims * n);
        NearestNeighbours neighbours = version > 2 && in.readBoolean() ? NearestNeighbours.read(in) : null;
        if ((neighbours != null) != (side == 2 * n)) {
            throw new IOException("corrupt model: neighbour votes and index disagree");
        }
        LexiconClassifier lexicon = LexiconClassifier.bundled();
        return new ModelClassifier(labels, new Features(c, idf, lexicon),
                new Calibration.Folded(new LogisticRegression.Weights(n, w, bias), lex), neighbours, t, description);
    }

    private static void writeHalf(DataOutputStream out, float[] values) throws IOException {
        for (float v : values) {
            out.writeShort(Float.floatToFloat16(v));
        }
    }

    private static float[] readHalf(DataInputStream in, int count) throws IOException {
        float[] out = new float[count];
        for (int i = 0; i < count; i++) {
            out[i] = Float.float16ToFloat(in.readShort());
        }
        return out;
    }
}
