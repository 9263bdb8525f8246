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
 * Immutable once fitted; thread-safe (each thread builds its vectors in working arrays of its own).
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
    /** The constant features: one per position bucket, the first unit's, one per category's lexicon score. */
    private final int[] positionHashes = new int[5];
    private final int firstHash;
    private final int[] lexiconHashes = new int[Category.values().length];

    Features(Config config, float[] idf, LexiconClassifier lexicon) {
        this.config = config;
        this.mask = (1 << config.bits()) - 1;
        this.idf = idf;
        this.lexicon = lexicon;
        for (int b = 0; b < positionHashes.length; b++) {
            positionHashes[b] = hash(NS_POSITION, "p" + b);
        }
        this.firstHash = hash(NS_POSITION, "first");
        for (Category c : Category.values()) {
            lexiconHashes[c.ordinal()] = hash(NS_LEXICON, c.id());
        }
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
        return build(u, config.lexiconWeight() > 0 && lexicon != null
                ? lexicon.scoreArray(u.text(), u.section(), u.leadIn()) : LexiconClassifier.toArray(Map.of())).vector();
    }

    /** The feature vector of one unit whose lexicon scores the caller already has. */
    SparseVector vector(Unit u, Map<Category, Double> lexiconScores) {
        return build(u, LexiconClassifier.toArray(lexiconScores)).vector();
    }

    /**
     * The feature vector of one unit as entries of this thread's scratch arrays (no copy: the classifier reads
     * them once), and, if asked for, its {@link #textVector}, which is the vector's first block: a classifier that
     * needs both pays for the text's words once. The lexicon scores are by category ordinal, NaN for none.
     */
    Entries entries(Unit u, double[] lexiconScores, boolean withText) {
        Builder b = build(u, lexiconScores);
        return new Entries(b.idx, b.val, b.size, withText ? b.textBlock() : null);
    }

    /**
     * A unit's feature vector, the first {@code size} entries of {@code index} and {@code value}, which stay valid
     * until the thread builds its next vector; and its text vector (see {@link #entries}; null when not asked for).
     */
    record Entries(int[] index, float[] value, int size, SparseVector text) {
    }

    private Builder build(Unit u, double[] lexiconScores) {
        Builder b = new Builder();
        Words words = b.s.words(u.text());
        b.block(wordHashes(NS_WORD, words, true), 1.0);
        b.textEnd = b.size;
        if (config.chars()) {
            b.block(charHashes(words), 1.0);
        }
        if (config.contextWeight() > 0) {
            b.block(wordHashes(NS_SECTION, b.s.words(u.section()), false), config.contextWeight());
            b.block(wordHashes(NS_LEADIN, b.s.words(u.leadIn()), true), config.contextWeight());
        }
        if (config.neighbourWeight() > 0) {
            b.block(wordHashes(NS_PREV, b.s.words(u.previous()), false), config.neighbourWeight());
            b.block(wordHashes(NS_NEXT, b.s.words(u.next()), false), config.neighbourWeight());
        }
        if (config.position() && u.position() >= 0) {
            int bucket = (int) Math.min(4, Math.floor(u.position() * 5));
            b.add(positionHashes[bucket], 1f);
            if (u.position() == 0) {
                b.add(firstHash, 1f);
            }
        }
        if (config.lexiconWeight() > 0) {
            // In category order, as the lexicon's map of scores iterates.
            for (int c = 0; c < lexiconScores.length; c++) {
                if (!Double.isNaN(lexiconScores[c])) {
                    b.add(lexiconHashes[c], (float) (lexiconScores[c] * config.lexiconWeight()));
                }
            }
        }
        return b;
    }

    /** The TF-IDF vector of the unit's own word 1-2-grams alone, unit length: what nearest neighbours compare. */
    SparseVector textVector(Unit u) {
        Builder b = new Builder();
        b.block(wordHashes(NS_WORD, words(u.text()), true), 1.0);
        return b.vector();
    }

    /** Sorted hashes of every block that gets IDF weights (for document frequencies). */
    private int[] hashesOfTextBlocks(Unit u) {
        Words words = words(u.text());
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

    /**
     * The words of a text laid out in one buffer as {@code " w1 w2 ... wn "}: a word n-gram (words joined by one
     * space) and a character n-gram of a space-padded word are both ranges of it, so they hash without building a
     * string each. Feature extraction hashes several hundred n-grams per clause; strings for them were most of its
     * cost.
     *
     * @param chars the buffer
     * @param start where word {@code i} starts in it
     * @param end   where word {@code i} ends (exclusive)
     * @param size  the number of words
     */
    record Words(char[] chars, int[] start, int[] end, int size) {
    }

    /** Lower-cased letter/digit runs; digits become 0 so that dates and amounts share features. */
    static Words words(String text) {
        int n = text.length();
        char[] buf = new char[n + 2];
        // A word takes at least one character and a separator, bar the last one.
        int[] start = new int[n / 2 + 1];
        int[] end = new int[n / 2 + 1];
        int size = 0;
        int k = 1;
        buf[0] = ' ';
        int from = -1;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            char folded = fold(c);
            if (folded != 0) {
                if (from < 0) {
                    from = k;
                }
                buf[k++] = folded;
            } else if (c == '\'' || c == '\u2019') {
                continue; // "don't" and "we're" stay one word
            } else if (from >= 0) {
                start[size] = from;
                end[size++] = k;
                buf[k++] = ' ';
                from = -1;
            }
        }
        if (from >= 0) {
            start[size] = from;
            end[size++] = k;
            buf[k++] = ' ';
        }
        return new Words(buf, start, end, size);
    }

    /** A word character lower-cased, digits as 0; 0 for a character that is no letter or digit. */
    private static char fold(char c) {
        if (c < 0x80) {
            // ASCII, nearly all of the text, without the Unicode tables.
            if (c >= 'a' && c <= 'z') {
                return c;
            }
            if (c >= 'A' && c <= 'Z') {
                return (char) (c + ('a' - 'A'));
            }
            return c >= '0' && c <= '9' ? '0' : 0;
        }
        if (!Character.isLetterOrDigit(c)) {
            return 0;
        }
        return Character.isDigit(c) ? '0' : Character.toLowerCase(c);
    }

    /** Experiment knob (not a model setting): word trigrams of the text too; measured, not shipped (models/README.md). */
    private static final boolean TRIGRAMS = Boolean.getBoolean("policyminer.train.wordTrigrams");

    /** Hashes of the words (and their bigrams, trigrams), each n-gram being its words joined by one space. */
    private int[] wordHashes(int ns, Words words, boolean bigrams) {
        int n = words.size();
        boolean trigrams = bigrams && TRIGRAMS && ns == NS_WORD;
        int[] out = new int[(bigrams ? Math.max(0, 2 * n - 1) : n) + (trigrams ? Math.max(0, n - 2) : 0)];
        char[] chars = words.chars();
        int[] start = words.start();
        int[] end = words.end();
        int seed = seed(ns);
        int k = 0;
        for (int i = 0; i < n; i++) {
            // The state after a word continues into the n-grams that start with it.
            int h = step(seed, chars, start[i], end[i]);
            out[k++] = finish(h);
            if (bigrams && i + 1 < n) {
                int h2 = step((h ^ ' ') * FNV_PRIME, chars, start[i + 1], end[i + 1]);
                out[k++] = finish(h2);
                if (trigrams && i + 2 < n) {
                    out[k++] = finish(step((h2 ^ ' ') * FNV_PRIME, chars, start[i + 2], end[i + 2]));
                }
            }
        }
        return out;
    }

    /** Hashes of the character 3-5-grams of every word padded with a space on either side, in no set order. */
    private int[] charHashes(Words words) {
        int count = 0;
        for (int w = 0; w < words.size(); w++) {
            int len = words.end()[w] - words.start()[w] + 2;
            for (int n = 3; n <= 5; n++) {
                count += Math.max(0, len - n + 1);
            }
        }
        int[] out = new int[count];
        char[] chars = words.chars();
        int seed = seed(NS_CHAR);
        int k = 0;
        for (int w = 0; w < words.size(); w++) {
            int to = words.end()[w] + 1;
            // The 3-, 4- and 5-gram at one position share their prefix, hence their hash state.
            for (int i = words.start()[w] - 1; i + 3 <= to; i++) {
                int h = step(seed, chars, i, i + 3);
                out[k++] = finish(h);
                if (i + 4 <= to) {
                    h = (h ^ chars[i + 3]) * FNV_PRIME;
                    out[k++] = finish(h);
                    if (i + 5 <= to) {
                        out[k++] = finish((h ^ chars[i + 4]) * FNV_PRIME);
                    }
                }
            }
        }
        return out;
    }

    private static final int FNV_PRIME = 0x01000193;

    /*
     * The hash of a feature: FNV-1a over the namespace and the characters, then a murmur finaliser; stable across
     * JVMs and part of the model (the weights sit at these indexes). Split in three so that n-grams sharing a
     * prefix share its state.
     */
    private static int seed(int ns) {
        return 0x811c9dc5 ^ (ns * 0x9e3779b9);
    }

    private static int step(int h, char[] chars, int from, int to) {
        for (int i = from; i < to; i++) {
            h ^= chars[i];
            h *= FNV_PRIME;
        }
        return h;
    }

    private int finish(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h & mask;
    }

    private int hash(int ns, String s) {
        return finish(step(seed(ns), s.toCharArray(), 0, s.length()));
    }

    /**
     * One thread's working arrays: a vector of several hundred entries is built for every clause, and fresh arrays
     * for each were a tenth of the work.
     */
    private static final class Scratch {
        int[] idx = new int[512];
        float[] val = new float[512];
        int[] sorted = new int[512];
        int[] count;
        /**
         * The last texts split into words, and their words: a clause's text is also the next clause's previous
         * text and the previous clause's next one, and its section path and lead-in are mostly its neighbours'.
         */
        private final String[] texts = new String[WORDS_KEPT];
        private final Words[] words = new Words[WORDS_KEPT];
        private int oldest;

        /** {@link Features#words(String)} of the text, from those kept when it is one of them. */
        Words words(String text) {
            for (int k = 0; k < WORDS_KEPT; k++) {
                if (text.equals(texts[k])) {
                    return words[k];
                }
            }
            Words w = Features.words(text);
            texts[oldest] = text;
            words[oldest] = w;
            oldest = (oldest + 1) % WORDS_KEPT;
            return w;
        }
    }

    /** How many texts' words a thread keeps: a unit's five texts and the one its successor adds. */
    private static final int WORDS_KEPT = 6;

    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);

    /** Below this many hashes a comparison sort is quicker than counting passes. */
    private static final int RADIX_MIN = 96;

    /**
     * Sorts hashes ascending. They are below 2^bits, so two counting passes over half the bits each do it in linear
     * time; Arrays.sort took two fifths of building a vector. The order is the same: ints have one ascending order.
     */
    private void sort(int[] hashes, Scratch s) {
        int n = hashes.length;
        if (n < RADIX_MIN) {
            Arrays.sort(hashes);
            return;
        }
        if (s.sorted.length < n) {
            s.sorted = new int[Math.max(n, 2 * s.sorted.length)];
        }
        int low = (config.bits() + 1) / 2;
        if (s.count == null) {
            s.count = new int[(1 << low) + 1];
        }
        countingPass(hashes, s.sorted, n, 0, low, s.count);
        countingPass(s.sorted, hashes, n, low, config.bits() - low, s.count);
    }

    /** A stable sort of {@code from[0, n)} into {@code to} by bits [shift, shift + width) of each value. */
    private static void countingPass(int[] from, int[] to, int n, int shift, int width, int[] count) {
        int buckets = 1 << width;
        int m = buckets - 1;
        Arrays.fill(count, 0, buckets + 1, 0);
        for (int i = 0; i < n; i++) {
            count[((from[i] >>> shift) & m) + 1]++;
        }
        for (int b = 0; b < buckets; b++) {
            count[b + 1] += count[b];
        }
        for (int i = 0; i < n; i++) {
            to[count[(from[i] >>> shift) & m]++] = from[i];
        }
    }

    /** Collects blocks of hashes into one vector, in the calling thread's scratch arrays. */
    private final class Builder {
        private final Scratch s = scratch.get();
        private int[] idx = s.idx;
        private float[] val = s.val;
        private int size;
        /** Where the text's own word block ends. */
        private int textEnd;

        void add(int i, float v) {
            if (size == idx.length) {
                grow(size + 1);
            }
            idx[size] = i;
            val[size++] = v;
        }

        private void grow(int needed) {
            int capacity = Math.max(needed, 2 * idx.length);
            idx = Arrays.copyOf(idx, capacity);
            val = Arrays.copyOf(val, capacity);
            s.idx = idx;
            s.val = val;
        }

        /** Adds one namespace: sublinear TF times IDF per distinct hash, normalised to length {@code weight}. */
        void block(int[] hashes, double weight) {
            if (hashes.length == 0) {
                return;
            }
            if (size + hashes.length > idx.length) {
                grow(size + hashes.length);
            }
            sort(hashes, s);
            int from = size;
            double norm = 0;
            for (int i = 0; i < hashes.length; ) {
                int j = i + 1;
                while (j < hashes.length && hashes[j] == hashes[i]) {
                    j++;
                }
                // 1 + log(1) is 1: most n-grams occur once, and the logarithm is the dearer part.
                double tf = j - i == 1 ? 1 : 1 + Math.log(j - i);
                float v = (float) (tf * (idf == null ? 1 : idf[hashes[i]]));
                idx[size] = hashes[i];
                val[size++] = v;
                norm += v * v;
                i = j;
            }
            float scale = (float) (weight / Math.sqrt(norm));
            for (int i = from; i < size; i++) {
                val[i] *= scale;
            }
        }

        SparseVector vector() {
            return new SparseVector(Arrays.copyOf(idx, size), Arrays.copyOf(val, size));
        }

        /** The text's own word block: what {@link #textVector} returns. */
        SparseVector textBlock() {
            return new SparseVector(Arrays.copyOf(idx, textEnd), Arrays.copyOf(val, textEnd));
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
