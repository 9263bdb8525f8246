package org.policyminer.segment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

import opennlp.tools.langdetect.LanguageDetectorFactory;
import opennlp.tools.langdetect.LanguageDetectorModel;
import opennlp.tools.ml.maxent.GISModel;
import opennlp.tools.ml.model.Context;
import opennlp.tools.util.StringUtil;
import opennlp.tools.util.normalizer.CharSequenceNormalizer;
import opennlp.tools.util.normalizer.EmojiCharSequenceNormalizer;
import opennlp.tools.util.normalizer.NumberCharSequenceNormalizer;
import opennlp.tools.util.normalizer.ShrinkCharSequenceNormalizer;
import opennlp.tools.util.normalizer.TwitterCharSequenceNormalizer;
import opennlp.tools.util.normalizer.UrlCharSequenceNormalizer;

/**
 * Scores a text with OpenNLP's language detector model the cheap way, and says which language wins when the
 * win is certain. {@code LanguageDetectorME} normalises the text, collects its distinct character 1- to 3-grams
 * as strings in hash maps (twice), looks every one up in the model's predicate map and adds the model's weights
 * of the grams it knows. This scorer normalises and lower-cases the same way, packs each gram into a long, finds
 * the text's distinct grams in a small table of its own, looks only those up in an open-addressing table built
 * from the model once, and adds the same weights.
 *
 * <p>The grams a text is made of are mostly weighted for most of the model's languages: their weights are kept as
 * dense rows (one entry per language, zero where the model has none), which the JIT adds with vector
 * instructions; rare grams keep sparse rows. Adding an exact zero changes no sum.
 *
 * <p>It adds the weights in another order than OpenNLP (which follows a hash map's iteration), so the sums may
 * differ in their last bits. {@link #decide} therefore only answers when the best language's score leads every
 * other by more than twice the worst-case rounding error of both summations (a bound from the number and size of
 * the terms) plus a margin that exponentiating and normalising cannot erase; otherwise it returns null and the
 * caller asks OpenNLP. On real text the leads are whole units and the bound is about 1e-9.
 *
 * <p>Not thread-safe: one per {@link LanguageIdentifier}.
 */
final class NgramLanguageScorer {

    private static final int MAX_GRAM = 3;

    // The normalisers of LanguageDetectorFactory.getContextGenerator(), applied in its order by normalise().
    private static final CharSequenceNormalizer EMOJI = EmojiCharSequenceNormalizer.getInstance();
    private static final CharSequenceNormalizer URL = UrlCharSequenceNormalizer.getInstance();
    private static final CharSequenceNormalizer TWITTER = TwitterCharSequenceNormalizer.getInstance();
    private static final CharSequenceNormalizer NUMBER = NumberCharSequenceNormalizer.getInstance();
    private static final CharSequenceNormalizer SHRINK = ShrinkCharSequenceNormalizer.getInstance();
    /** One table per model, shared by the scorers of all threads (it is immutable and about 16 MB). */
    private static final Map<LanguageDetectorModel, Table> TABLES = Collections.synchronizedMap(new WeakHashMap<>());

    private final Table table;
    private final double[] scores;
    /** The grams of the text being scored, an open-addressing set; a slot is in use when its mark is the call's. */
    private long[] textGrams = new long[1 << 12];
    private int[] textMarks = new int[1 << 12];
    private int call;

    private NgramLanguageScorer(Table table) {
        this.table = table;
        this.scores = new double[table.outcomes.length];
    }

    /**
     * A scorer for the model, or null when the model is not one this class reproduces (another factory, with
     * other n-gram lengths or normalisers, or another kind of classifier).
     */
    static NgramLanguageScorer of(LanguageDetectorModel model) {
        if (model.getFactory().getClass() != LanguageDetectorFactory.class
                || !(model.getMaxentModel() instanceof GISModel)) {
            return null;
        }
        return new NgramLanguageScorer(TABLES.computeIfAbsent(model, m -> new Table((GISModel) m.getMaxentModel())));
    }

    /** The language LanguageDetectorME would predict for the text, or null when the scores are too close to tell. */
    String decide(CharSequence text) {
        String fast = DetectorNormaliser.normalise(text);
        char[] chars = lowerCase(fast != null ? fast : normalise(text));
        startText(chars.length * MAX_GRAM);
        Arrays.fill(scores, table.logPrior);
        long terms = 1;
        double magnitude = Math.abs(table.logPrior);
        for (int i = 0; i < chars.length; i++) {
            long key = 0;
            for (int n = 1; n <= MAX_GRAM && i + n <= chars.length; n++) {
                // The gram of n characters at i: the one of n - 1 characters, one more character, its length on top.
                key = key << 16 | chars[i + n - 1];
                long packed = (long) n << 48 | key;
                if (!firstInText(packed)) {
                    continue;  // a gram counts once per text, as in OpenNLP
                }
                int row = table.row(packed);
                if (row < 0) {
                    continue;
                }
                table.add(row, scores);
                terms++;
                magnitude += table.rowMaxAbs[row];
            }
        }
        int best = DecisiveArgmax.of(scores, DecisiveArgmax.gap(terms, magnitude));
        return best < 0 ? null : table.outcomes[best];
    }

    /** Forgets the previous text's grams, with room for {@code grams} more at a load of at most a half. */
    private void startText(int grams) {
        if (2 * grams > textGrams.length) {
            int capacity = Integer.highestOneBit(Math.max(1, 2 * grams)) * 2;
            textGrams = new long[capacity];
            textMarks = new int[capacity];
            call = 0;
        }
        if (++call == 0) {  // wrapped around: forget all marks
            Arrays.fill(textMarks, 0);
            call = 1;
        }
    }

    /** Whether the gram is new in the current text (and it now is not). */
    private boolean firstInText(long packed) {
        int mask = textGrams.length - 1;
        int i = Table.hash(packed) & mask;
        while (textMarks[i] == call) {
            if (textGrams[i] == packed) {
                return false;
            }
            i = (i + 1) & mask;
        }
        textMarks[i] = call;
        textGrams[i] = packed;
        return true;
    }

    /**
     * {@code StringUtil.toLowerCaseCharBuffer(text).toString()} as characters: OpenNLP lower-cases code point by
     * code point through a stream and an array per code point, which was a tenth of the scoring.
     */
    static char[] lowerCase(CharSequence text) {
        int n = text.length();
        char[] out = new char[n];
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                out[i] = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
                continue;
            }
            int cp = Character.codePointAt(text, i);
            int lower = Character.toLowerCase(cp);
            if (Character.charCount(lower) != Character.charCount(cp)) {
                // OpenNLP's buffer has the text's length whatever the lower case's: let it do what it does.
                return StringUtil.toLowerCaseCharBuffer(text).toString().toCharArray();
            }
            i += Character.toChars(lower, out, i) - 1;
        }
        return out;
    }

    /**
     * The model's grams in an open-addressing table (packed gram -> row), and each row's weights: dense (one per
     * outcome) for the grams most languages weigh, sparse for the others.
     */
    private static final class Table {
        /** A row with at least this share of the outcomes is kept dense. */
        private static final double DENSE_SHARE = 0.5;
        final String[] outcomes;
        final double logPrior;
        /** 0 marks an empty slot (no gram packs to 0). */
        final long[] keys;
        /** The row of each slot's gram. */
        final int[] rowOf;
        final int mask;
        /** The largest absolute weight of each row, for the rounding-error bound. */
        final double[] rowMaxAbs;
        /** Per row: where its weights start in {@link #dense} (a dense row), or -1 - where they start in sparse. */
        final int[] start;
        /** Per row: its number of sparse weights (0 for a dense row). */
        final int[] sparseLength;
        final double[] dense;
        final int[] sparseOutcome;
        final double[] sparseWeight;

        @SuppressWarnings("unchecked")
        Table(GISModel model) {
            this.outcomes = new String[model.getNumOutcomes()];
            for (int i = 0; i < outcomes.length; i++) {
                outcomes[i] = model.getOutcome(i);
            }
            int n = outcomes.length;
            // GISModel's UniformPrior starts every outcome's score at this value.
            this.logPrior = StrictMath.log(1.0 / n);
            // {parameters, predicate -> its parameter row, outcome names}
            Map<String, Context> predicates = (Map<String, Context>) model.getDataStructures()[1];
            List<Map.Entry<String, Context>> grams = new ArrayList<>();
            int denseRows = 0;
            int sparseTotal = 0;
            for (Map.Entry<String, Context> e : predicates.entrySet()) {
                String gram = e.getKey();
                if (gram.isEmpty() || gram.length() > MAX_GRAM) {
                    continue;  // n-grams of the text are 1 to 3 characters long: these can never be looked up
                }
                grams.add(e);
                int length = e.getValue().getOutcomes().length;
                if (length >= DENSE_SHARE * n) {
                    denseRows++;
                } else {
                    sparseTotal += length;
                }
            }
            int capacity = Integer.highestOneBit(Math.max(16, grams.size() * 2)) * 2;
            this.keys = new long[capacity];
            this.rowOf = new int[capacity];
            this.mask = capacity - 1;
            this.rowMaxAbs = new double[grams.size()];
            this.start = new int[grams.size()];
            this.sparseLength = new int[grams.size()];
            this.dense = new double[denseRows * n];
            this.sparseOutcome = new int[sparseTotal];
            this.sparseWeight = new double[sparseTotal];
            int nextDense = 0;
            int nextSparse = 0;
            for (int r = 0; r < grams.size(); r++) {
                String gram = grams.get(r).getKey();
                Context c = grams.get(r).getValue();
                long key = pack(gram);
                int slot = slot(key);
                keys[slot] = key;
                rowOf[slot] = r;
                int[] ids = c.getOutcomes();
                double[] weights = c.getParameters();
                for (double w : weights) {
                    rowMaxAbs[r] = Math.max(rowMaxAbs[r], Math.abs(w));
                }
                if (ids.length >= DENSE_SHARE * n) {
                    start[r] = nextDense;
                    for (int k = 0; k < ids.length; k++) {
                        dense[nextDense + ids[k]] = weights[k];
                    }
                    nextDense += n;
                } else {
                    start[r] = -1 - nextSparse;
                    sparseLength[r] = ids.length;
                    System.arraycopy(ids, 0, sparseOutcome, nextSparse, ids.length);
                    System.arraycopy(weights, 0, sparseWeight, nextSparse, ids.length);
                    nextSparse += ids.length;
                }
            }
        }

        /** The row of a packed gram, or -1 when the model does not know it. */
        int row(long key) {
            int slot = slot(key);
            return keys[slot] == 0 ? -1 : rowOf[slot];
        }

        /** Adds a row's weights to the scores. */
        void add(int row, double[] scores) {
            int from = start[row];
            if (from >= 0) {
                for (int o = 0; o < scores.length; o++) {
                    scores[o] += dense[from + o];
                }
            } else {
                for (int k = -1 - from, end = k + sparseLength[row]; k < end; k++) {
                    scores[sparseOutcome[k]] += sparseWeight[k];
                }
            }
        }

        /** The slot holding the key, or the empty slot where it would go. */
        private int slot(long key) {
            int i = hash(key) & mask;
            while (keys[i] != 0 && keys[i] != key) {
                i = (i + 1) & mask;
            }
            return i;
        }

        static int hash(long key) {
            return (int) ((key * 0x9E3779B97F4A7C15L) >>> 40);
        }

        /** A gram of 1 to 3 characters as a long: the length in the top bits, then 16 bits per character. */
        private static long pack(String gram) {
            long key = 0;
            for (int k = 0; k < gram.length(); k++) {
                key = key << 16 | gram.charAt(k);
            }
            return (long) gram.length() << 48 | key;
        }
    }

    /**
     * What the normalisers of {@code LanguageDetectorFactory.getContextGenerator()} make of the text, applied in
     * its order, skipping the one that provably changes nothing on most pages: the URL normaliser's patterns
     * need "://" (for "https?://") or "@" (for e-mail addresses) to match. They scan every position of the text
     * and were a fifth of the detector's time on pages without addresses. (The emoji normaliser cannot be
     * skipped on such grounds: its character class, written with surrogate escapes, also spans '-' and every
     * character from U+D83C up, e.g. full-width punctuation.)
     */
    static CharSequence normalise(CharSequence text) {
        String t = EMOJI.normalize(text).toString();
        CharSequence u = t.indexOf('@') >= 0 || t.contains("://") ? URL.normalize(t) : t;
        return SHRINK.normalize(NUMBER.normalize(TWITTER.normalize(u)));
    }
}
