package org.policyminer.classify;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a {@link Unit} into a hashed sparse vector. Each namespace is a block of its own, L2-normalised and then
 * scaled, so that long neighbours cannot drown the text itself:
 * <ul>
 *   <li>the text: word uni- and bigrams, and character 3-5-grams inside word boundaries, sublinear TF times IDF;</li>
 *   <li>context: words of the section path, of the list lead-in and of the neighbours, each in its own namespace;</li>
 *   <li>where the unit sits in the document (five buckets);</li>
 *   <li>the scores of the hand-written {@link LexiconClassifier}, one feature per category.</li>
 * </ul>
 * Hashing keeps the model a fixed size whatever the vocabulary; IDF weights are learnt from the training units.
 * Immutable once fitted; thread-safe.
 */
public final class Features {

    /** What the extractor puts in a vector and how much each block weighs. */
    public record Config(int bits, boolean chars, double contextWeight, double neighbourWeight, boolean position,
                         double lexiconWeight) {

        /** The configuration the shipped model uses. */
        public static Config standard() {
            // policyminer.train.hashBits is an experiment knob; 18 is the shipped setting.
            return new Config(Integer.getInteger("policyminer.train.hashBits", 18), true, 0.5, 0.25, true, 1.0);
        }

        /** Plain TF-IDF word 1-2-grams on the text alone: the usual published baseline. */
        public static Config baseline() {
            return new Config(18, false, 0, 0, false, 0);
        }
    }

    private static final int NS_WORD = 1;
    private static final int NS_CHAR = 2;
    private static final int NS_SECTION = 3;
    private static final int NS_LEADIN = 4;
    private static final int NS_PREV = 5;
    private static final int NS_NEXT = 6;
    private static final int NS_POSITION = 7;
    private static final int NS_LEXICON = 8;

    private final Config config;
    private final int mask;
    private final float[] idf;
    private final LexiconClassifier lexicon;

    Features(Config config, float[] idf, LexiconClassifier lexicon) {
        this.config = config;
        this.mask = (1 << config.bits()) - 1;
        this.idf = idf;
        this.lexicon = lexicon;
    }

    /** Learns IDF weights from the training units. */
    static Features fit(Config config, List<Unit> units, LexiconClassifier lexicon) {
        int dims = 1 << config.bits();
        Features raw = new Features(config, null, lexicon);
        int[] df = new int[dims];
        for (Unit u : units) {
            int[] seen = raw.hashesOfTextBlocks(u);
            int last = -1;
            for (int h : seen) {
                if (h != last) {
                    df[h]++;
                    last = h;
                }
            }
        }
        float[] idf = new float[dims];
        double n = units.size();
        for (int i = 0; i < dims; i++) {
            idf[i] = (float) (Math.log((n + 1) / (df[i] + 1)) + 1);
        }
        return new Features(config, idf, lexicon);
    }

    /** The configuration. */
    public Config config() {
        return config;
    }

    /** The number of hashed dimensions. */
    public int dimensions() {
        return 1 << config.bits();
    }

    float[] idf() {
        return idf;
    }

    /** The feature vector of one unit. */
    public SparseVector vector(Unit u) {
        return vector(u, config.lexiconWeight() > 0 && lexicon != null
                ? lexicon.scores(u.text(), u.section(), u.leadIn()) : Map.of());
    }

    /** The feature vector of one unit whose lexicon scores the caller already has. */
    SparseVector vector(Unit u, Map<Category, Double> lexiconScores) {
        Builder b = new Builder();
        List<String> words = words(u.text());
        b.block(wordHashes(NS_WORD, words, true), 1.0);
        if (config.chars()) {
            b.block(charHashes(words), 1.0);
        }
        if (config.contextWeight() > 0) {
            b.block(wordHashes(NS_SECTION, words(u.section()), false), config.contextWeight());
            b.block(wordHashes(NS_LEADIN, words(u.leadIn()), true), config.contextWeight());
        }
        if (config.neighbourWeight() > 0) {
            b.block(wordHashes(NS_PREV, words(u.previous()), false), config.neighbourWeight());
            b.block(wordHashes(NS_NEXT, words(u.next()), false), config.neighbourWeight());
        }
        if (config.position() && u.position() >= 0) {
            int bucket = (int) Math.min(4, Math.floor(u.position() * 5));
            b.add(hash(NS_POSITION, "p" + bucket), 1f);
            if (u.position() == 0) {
                b.add(hash(NS_POSITION, "first"), 1f);
            }
        }
        if (config.lexiconWeight() > 0) {
            for (Map.Entry<Category, Double> e : lexiconScores.entrySet()) {
                b.add(hash(NS_LEXICON, e.getKey().id()), (float) (e.getValue() * config.lexiconWeight()));
            }
        }
        return b.build();
    }

    /** The TF-IDF vector of the unit's own word 1-2-grams alone, unit length: what nearest neighbours compare. */
    SparseVector textVector(Unit u) {
        Builder b = new Builder();
        b.block(wordHashes(NS_WORD, words(u.text()), true), 1.0);
        return b.build();
    }

    /** Sorted hashes of every block that gets IDF weights (for document frequencies). */
    private int[] hashesOfTextBlocks(Unit u) {
        List<String> words = words(u.text());
        int[][] parts = {
                wordHashes(NS_WORD, words, true),
                config.chars() ? charHashes(words) : new int[0],
                config.contextWeight() > 0 ? wordHashes(NS_SECTION, words(u.section()), false) : new int[0],
                config.contextWeight() > 0 ? wordHashes(NS_LEADIN, words(u.leadIn()), true) : new int[0],
                config.neighbourWeight() > 0 ? wordHashes(NS_PREV, words(u.previous()), false) : new int[0],
                config.neighbourWeight() > 0 ? wordHashes(NS_NEXT, words(u.next()), false) : new int[0]};
        int total = 0;
        for (int[] p : parts) {
            total += p.length;
        }
        int[] all = new int[total];
        int k = 0;
        for (int[] p : parts) {
            System.arraycopy(p, 0, all, k, p.length);
            k += p.length;
        }
        Arrays.sort(all);
        return all;
    }

    /** Lower-cased letter/digit runs; digits become 0 so that dates and amounts share features. */
    static List<String> words(String text) {
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        StringBuilder w = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                w.append(Character.isDigit(c) ? '0' : Character.toLowerCase(c));
            } else if (c == '\'' || c == '\u2019') {
                continue; // "don't" and "we're" stay one word
            } else if (!w.isEmpty()) {
                out.add(w.toString());
                w.setLength(0);
            }
        }
        if (!w.isEmpty()) {
            out.add(w.toString());
        }
        return out;
    }

    /** Experiment knob (not a model setting): word trigrams of the text too; measured, not shipped (models/README.md). */
    private static final boolean TRIGRAMS = Boolean.getBoolean("policyminer.train.wordTrigrams");

    private int[] wordHashes(int ns, List<String> words, boolean bigrams) {
        int n = words.size();
        boolean trigrams = bigrams && TRIGRAMS && ns == NS_WORD;
        int[] out = new int[(bigrams ? Math.max(0, 2 * n - 1) : n) + (trigrams ? Math.max(0, n - 2) : 0)];
        int k = 0;
        for (int i = 0; i < n; i++) {
            out[k++] = hash(ns, words.get(i));
            if (bigrams && i + 1 < n) {
                out[k++] = hash(ns, words.get(i) + ' ' + words.get(i + 1));
            }
            if (trigrams && i + 2 < n) {
                out[k++] = hash(ns, words.get(i) + ' ' + words.get(i + 1) + ' ' + words.get(i + 2));
            }
        }
        return out;
    }

    private int[] charHashes(List<String> words) {
        int count = 0;
        for (String w : words) {
            int len = w.length() + 2;
            for (int n = 3; n <= 5; n++) {
                count += Math.max(0, len - n + 1);
            }
        }
        int[] out = new int[count];
        int k = 0;
        for (String w : words) {
            String padded = ' ' + w + ' ';
            int len = padded.length();
            for (int n = 3; n <= 5; n++) {
                for (int i = 0; i + n <= len; i++) {
                    out[k++] = hashRange(NS_CHAR, padded, i, i + n);
                }
            }
        }
        return out;
    }

    private int hash(int ns, String s) {
        return hashRange(ns, s, 0, s.length());
    }

    /** FNV-1a over the namespace and the characters, then a murmur finaliser; stable across JVMs. */
    private int hashRange(int ns, String s, int from, int to) {
        int h = 0x811c9dc5 ^ (ns * 0x9e3779b9);
        for (int i = from; i < to; i++) {
            h ^= s.charAt(i);
            h *= 0x01000193;
        }
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h & mask;
    }

    /** Collects blocks of hashes into one vector. */
    private final class Builder {
        private int[] idx = new int[256];
        private float[] val = new float[256];
        private int size;

        void add(int i, float v) {
            if (size == idx.length) {
                idx = Arrays.copyOf(idx, size * 2);
                val = Arrays.copyOf(val, size * 2);
            }
            idx[size] = i;
            val[size++] = v;
        }

        /** Adds one namespace: sublinear TF times IDF per distinct hash, normalised to length {@code weight}. */
        void block(int[] hashes, double weight) {
            if (hashes.length == 0) {
                return;
            }
            Arrays.sort(hashes);
            int from = size;
            double norm = 0;
            for (int i = 0; i < hashes.length; ) {
                int j = i;
                while (j < hashes.length && hashes[j] == hashes[i]) {
                    j++;
                }
                float v = (float) ((1 + Math.log(j - i)) * (idf == null ? 1 : idf[hashes[i]]));
                add(hashes[i], v);
                norm += v * v;
                i = j;
            }
            float scale = (float) (weight / Math.sqrt(norm));
            for (int i = from; i < size; i++) {
                val[i] *= scale;
            }
        }

        SparseVector build() {
            return new SparseVector(Arrays.copyOf(idx, size), Arrays.copyOf(val, size));
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "hashed features (2^%d): word 1-2-grams%s%s%s%s", config.bits(),
                config.chars() ? ", char 3-5-grams" : "",
                config.contextWeight() > 0 ? ", section path and list lead-in" : "",
                config.neighbourWeight() > 0 ? ", neighbours" : "",
                config.lexiconWeight() > 0 ? ", lexicon scores" : "");
    }
}
