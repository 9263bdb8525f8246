package org.policyminer.segment;

import java.nio.CharBuffer;
import java.util.Arrays;
import java.util.Collections;
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
 * of the grams it knows. This scorer normalises the same way (skipping normalisers that cannot apply), packs
 * each gram into a long, looks it up in an open-addressing table built from the model once, and adds the same
 * weights.
 *
 * <p>It adds them in another order than OpenNLP (which follows a hash map's iteration), so the sums may differ
 * in their last bits. {@link #decide} therefore only answers when the best language's score leads every other
 * by more than twice the worst-case rounding error of both summations (a bound from the number and size of the
 * terms) plus a margin that exponentiating and normalising cannot erase; otherwise it returns null and the
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
    /** One table per model, shared by the scorers of all threads (it is immutable and about 12 MB). */
    private static final Map<LanguageDetectorModel, Table> TABLES = Collections.synchronizedMap(new WeakHashMap<>());

    private final Table table;
    /** Per table slot, the call that last counted its gram: a gram counts once per text, as in OpenNLP. */
    private final int[] seen;
    private int call;
    private final double[] scores;

    private NgramLanguageScorer(Table table) {
        this.table = table;
        this.seen = new int[table.keys.length];
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
        CharBuffer lower = StringUtil.toLowerCaseCharBuffer(normalise(text));
        char[] chars = lower.toString().toCharArray();
        if (++call == 0) {  // wrapped around: forget all marks
            Arrays.fill(seen, 0);
            call = 1;
        }
        Arrays.fill(scores, table.logPrior);
        long terms = 1;
        double magnitude = Math.abs(table.logPrior);
        for (int n = 1; n <= MAX_GRAM; n++) {
            for (int i = 0; i + n <= chars.length; i++) {
                int slot = table.slot(pack(chars, i, n));
                Context row = table.rows[slot];
                if (row == null || seen[slot] == call) {
                    continue;
                }
                seen[slot] = call;
                int[] outcomeIds = row.getOutcomes();
                double[] weights = row.getParameters();
                for (int k = 0; k < outcomeIds.length; k++) {
                    scores[outcomeIds[k]] += weights[k];
                }
                terms++;
                magnitude += table.rowMaxAbs[slot];
            }
        }
        int best = DecisiveArgmax.of(scores, DecisiveArgmax.gap(terms, magnitude));
        return best < 0 ? null : table.outcomes[best];
    }

    /** The model's grams in an open-addressing table: packed gram -> parameter row, with what scoring needs. */
    private static final class Table {
        final String[] outcomes;
        final double logPrior;
        /** 0 marks an empty slot (no gram packs to 0). */
        final long[] keys;
        final Context[] rows;
        /** The largest absolute weight of each row, for the rounding-error bound. */
        final double[] rowMaxAbs;
        final int mask;

        @SuppressWarnings("unchecked")
        Table(GISModel model) {
            this.outcomes = new String[model.getNumOutcomes()];
            for (int i = 0; i < outcomes.length; i++) {
                outcomes[i] = model.getOutcome(i);
            }
            // GISModel's UniformPrior starts every outcome's score at this value.
            this.logPrior = StrictMath.log(1.0 / outcomes.length);
            // {parameters, predicate -> its parameter row, outcome names}
            Map<String, Context> predicates = (Map<String, Context>) model.getDataStructures()[1];
            int capacity = Integer.highestOneBit(Math.max(16, predicates.size() * 2)) * 2;
            this.keys = new long[capacity];
            this.rows = new Context[capacity];
            this.rowMaxAbs = new double[capacity];
            this.mask = capacity - 1;
            for (Map.Entry<String, Context> e : predicates.entrySet()) {
                String gram = e.getKey();
                if (gram.isEmpty() || gram.length() > MAX_GRAM) {
                    continue;  // n-grams of the text are 1 to 3 characters long: these can never be looked up
                }
                long key = pack(gram.toCharArray(), 0, gram.length());
                int slot = slot(key);
                keys[slot] = key;
                rows[slot] = e.getValue();
                for (double w : e.getValue().getParameters()) {
                    rowMaxAbs[slot] = Math.max(rowMaxAbs[slot], Math.abs(w));
                }
            }
        }

        /** The slot holding the key, or the empty slot where it would go. */
        int slot(long key) {
            int i = (int) ((key * 0x9E3779B97F4A7C15L) >>> 40) & mask;
            while (keys[i] != 0 && keys[i] != key) {
                i = (i + 1) & mask;
            }
            return i;
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

    /** Characters [from, from + n) as a long: the length in the top bits, then 16 bits per character. */
    private static long pack(char[] s, int from, int n) {
        long key = n;
        for (int k = 0; k < n; k++) {
            key = key << 16 | s[from + k];
        }
        return key;
    }
}
