package org.policyminer.extract;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The baseline the extractor is compared with: TF-IDF vectors of word unigrams and bigrams (sublinear term
 * frequency, L2-normalised, terms seen in at least two training texts) and one L2-regularised logistic regression
 * per label, trained by stochastic gradient descent; a label is predicted when its probability is at least 0.5.
 * These are the defaults of the usual scikit-learn pipeline (TfidfVectorizer + SGDClassifier(loss="log_loss")).
 *
 * <p>The attribute evaluation's baseline, and the text part of {@link PolarityModel}. Immutable once built.
 */
public final class TfidfLogistic {

    private static final double ALPHA = 1e-4;
    private static final int EPOCHS = 20;
    private static final int MIN_DF = 2;

    private final Map<String, Integer> vocabulary;
    private final double[] idf;
    /** The vocabulary as ids of words and pairs of ids, from which {@link #terms} reads a text. */
    private final WordIndex index;

    /** A sparse vector (the TF-IDF part L2-normalised). */
    public record Vector(int[] index, double[] value) {
    }

    private TfidfLogistic(Map<String, Integer> vocabulary, double[] idf, Collection<String> moreWords) {
        this.vocabulary = vocabulary;
        this.idf = idf;
        this.index = new WordIndex(vocabulary, moreWords);
    }

    /** A vectoriser with a known vocabulary (term to dimension) and inverse document frequencies, as saved. */
    static TfidfLogistic of(Map<String, Integer> vocabulary, double[] idf) {
        return new TfidfLogistic(Map.copyOf(vocabulary), idf.clone(), List.of());
    }

    /**
     * The same vectoriser, whose {@link Terms} also give ids ({@link #wordId}) to these words, so that a caller can
     * attach features of its own to the words of a text it has read once.
     */
    TfidfLogistic knowing(Collection<String> words) {
        if (words.stream().allMatch(w -> index.id(w) >= 0)) {
            return this;
        }
        return new TfidfLogistic(vocabulary, idf, words);
    }

    /** The id a text's {@link Terms} give this word, or -1 when the vocabulary and the words it knows lack it. */
    int wordId(String word) {
        return index.id(word);
    }

    /** The number of word ids: every id of a {@link Terms} is below it. */
    int wordIds() {
        return index.size();
    }

    /** The vocabulary: term to dimension. */
    Map<String, Integer> vocabulary() {
        return java.util.Collections.unmodifiableMap(vocabulary);
    }

    /** The inverse document frequency of one dimension. */
    double idf(int dimension) {
        return idf[dimension];
    }

    /** Learns the vocabulary and inverse document frequencies of the training texts. */
    public static TfidfLogistic fit(List<String> texts) {
        Map<String, Integer> df = new HashMap<>();
        for (String t : texts) {
            for (String term : new java.util.HashSet<>(termStrings(t))) {
                df.merge(term, 1, Integer::sum);
            }
        }
        Map<String, Integer> vocabulary = new HashMap<>();
        List<Integer> counts = new ArrayList<>();
        df.entrySet().stream().filter(e -> e.getValue() >= MIN_DF).sorted(Map.Entry.comparingByKey()).forEach(e -> {
            vocabulary.put(e.getKey(), vocabulary.size());
            counts.add(e.getValue());
        });
        double[] idf = new double[vocabulary.size()];
        for (int i = 0; i < idf.length; i++) {
            idf[i] = Math.log((1.0 + texts.size()) / (1.0 + counts.get(i))) + 1.0;
        }
        return new TfidfLogistic(vocabulary, idf, List.of());
    }

    /** The terms of a text: its words, then its bigrams, in text order. */
    private static List<String> termStrings(String text) {
        List<String> words = words(text);
        List<String> terms = new ArrayList<>(words);
        for (int i = 0; i + 1 < words.size(); i++) {
            terms.add(words.get(i) + " " + words.get(i + 1));
        }
        return terms;
    }

    /**
     * The lower-cased words of a text, in order: the unigrams. A word is a run of two code points or more that are
     * letters or numbers (what the pattern {@code [\p{L}\p{N}]{2,}} finds in the lower-cased text), read by hand:
     * this runs for every clause and every neighbour a clause is read with, and the pattern cost several times more.
     */
    static List<String> words(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        int[] bounds = wordBounds(lower);
        List<String> words = new ArrayList<>(bounds.length / 3);
        for (int w = 0; w < bounds.length; w += 3) {
            words.add(lower.substring(bounds[w], bounds[w + 1]));
        }
        return words;
    }

    /**
     * Where the {@link #words} of a lower-cased text are: the start, end and {@link String#hashCode} of each, in
     * order (the hash for the lookup of the word, made in the same pass).
     */
    private static int[] wordBounds(String lower) {
        int[] bounds = new int[24];
        int b = 0;
        int n = lower.length();
        int i = 0;
        while (i < n) {
            int start = i;
            int codePoints = 0;
            int hash = 0;
            while (i < n) {
                char c = lower.charAt(i);
                int cp = Character.isHighSurrogate(c) ? lower.codePointAt(i) : c;
                if (!isWordCodePoint(cp)) {
                    break;
                }
                codePoints++;
                hash = 31 * hash + c;
                if (cp != c) {
                    hash = 31 * hash + lower.charAt(i + 1);
                    i++;
                }
                i++;
            }
            if (codePoints >= 2) {
                if (b == bounds.length) {
                    bounds = Arrays.copyOf(bounds, 2 * b);
                }
                bounds[b++] = start;
                bounds[b++] = i;
                bounds[b++] = hash;
            }
            if (i == start) {
                i += Character.charCount(lower.codePointAt(i));
            }
        }
        return Arrays.copyOf(bounds, b);
    }

    /** Whether a code point is in {@code \p{L}} or {@code \p{N}}: a letter, or a digit, letter number or other number. */
    private static boolean isWordCodePoint(int cp) {
        if (cp < 128) {
            return cp >= 'a' && cp <= 'z' || cp >= '0' && cp <= '9' || cp >= 'A' && cp <= 'Z';
        }
        return switch (Character.getType(cp)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                 Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.DECIMAL_DIGIT_NUMBER,
                 Character.LETTER_NUMBER, Character.OTHER_NUMBER -> true;
            default -> false;
        };
    }

    /**
     * What the vocabulary knows of one text's terms, so that a text read in several vectors (a clause, then its
     * group read as one unit) is split and looked up once.
     *
     * @param words    per word of the text ({@link #words}, in text order), its id ({@link #wordId}), -1 for a word
     *                 neither the vocabulary nor the words it was told of know
     * @param unigrams the dimensions of its words, in text order (words out of the vocabulary left out)
     * @param bigrams  the dimensions of its bigrams, in text order
     */
    public record Terms(int[] words, int[] unigrams, int[] bigrams) {
    }

    /** The terms of a text as dimensions of this vocabulary. */
    public Terms terms(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        int[] bounds = wordBounds(lower);
        int n = bounds.length / 3;
        int[] ids = new int[n];
        int[] unigrams = new int[n];
        int u = 0;
        for (int w = 0; w < n; w++) {
            ids[w] = index.id(lower, bounds[3 * w], bounds[3 * w + 1], bounds[3 * w + 2]);
            int d = ids[w] < 0 ? -1 : index.unigram(ids[w]);
            if (d >= 0) {
                unigrams[u++] = d;
            }
        }
        int[] bigrams = new int[Math.max(0, n - 1)];
        int b = 0;
        for (int w = 0; w + 1 < n; w++) {
            int d = index.bigram(ids[w], ids[w + 1]);
            if (d >= 0) {
                bigrams[b++] = d;
            }
        }
        return new Terms(ids, Arrays.copyOf(unigrams, u), Arrays.copyOf(bigrams, b));
    }

    /** The TF-IDF vector of a text. */
    public Vector vector(String text) {
        return vector(List.of(terms(text)));
    }

    /**
     * The TF-IDF vector of texts joined by spaces, from their {@link #terms}: the bigrams that span two texts are
     * the only ones looked up again. The terms are counted in the order {@link #terms(String)} lists them
     * (unigrams, then bigrams), and the vector lists them in the order of a {@code HashMap} that counted them so
     * (see {@link HashOrderCounter}), which fixes the rounding of its sums.
     */
    public Vector vector(List<Terms> parts) {
        int length = parts.size();
        for (Terms p : parts) {
            length += p.unigrams().length + p.bigrams().length;
        }
        int[] terms = new int[length];
        int t = 0;
        for (Terms p : parts) {
            System.arraycopy(p.unigrams(), 0, terms, t, p.unigrams().length);
            t += p.unigrams().length;
        }
        int previous = -2;
        for (Terms p : parts) {
            if (p.words().length == 0) {
                continue;
            }
            if (previous != -2) {
                int d = index.bigram(previous, p.words()[0]);
                if (d >= 0) {
                    terms[t++] = d;
                }
            }
            System.arraycopy(p.bigrams(), 0, terms, t, p.bigrams().length);
            t += p.bigrams().length;
            previous = p.words()[p.words().length - 1];
        }
        HashOrderCounter.Counts tf = HashOrderCounter.count(terms, t, idf.length);
        int[] index = tf.keys();
        double[] value = new double[index.length];
        double norm = 0;
        for (int k = 0; k < index.length; k++) {
            // A term seen once (most are) weighs its idf: 1 + log(1) is 1 exactly, whatever the last bit of log(1).
            int count = tf.counts()[k];
            value[k] = count == 1 ? idf[index[k]] : (1 + Math.log(count)) * idf[index[k]];
            norm += value[k] * value[k];
        }
        norm = Math.sqrt(norm);
        for (int i = 0; i < value.length && norm > 0; i++) {
            value[i] /= norm;
        }
        return new Vector(index, value);
    }

    /** The number of TF-IDF dimensions; extra features may be appended after them. */
    public int dimensions() {
        return idf.length;
    }

    /** A copy of {@code v} with binary features {@code dimensions() + k} set for each k in {@code extra}. */
    public Vector withExtra(Vector v, List<Integer> extra) {
        int[] index = Arrays.copyOf(v.index(), v.index().length + extra.size());
        double[] value = Arrays.copyOf(v.value(), v.value().length + extra.size());
        for (int k = 0; k < extra.size(); k++) {
            index[v.index().length + k] = idf.length + extra.get(k);
            value[v.value().length + k] = 1.0;
        }
        return new Vector(index, value);
    }

    /** A trained binary classifier for one label. */
    public static final class Model {
        private final double[] w;
        private final double bias;

        private Model(double[] w, double bias) {
            this.w = w;
            this.bias = bias;
        }

        /** A model with known weights (read back from a file). */
        static Model of(double[] w, double bias) {
            return new Model(w.clone(), bias);
        }

        /** The weight of one dimension. */
        double weight(int dimension) {
            return w[dimension];
        }

        /** The intercept. */
        double bias() {
            return bias;
        }

        /** The probability of the label for a vector. */
        public double probability(Vector x) {
            double z = bias;
            for (int i = 0; i < x.index().length; i++) {
                z += w[x.index()[i]] * x.value()[i];
            }
            return 1 / (1 + Math.exp(-z));
        }
    }

    /**
     * Trains a logistic regression (SGD with the "optimal" learning-rate schedule of Bottou, L2 penalty ALPHA) on
     * vectors and their binary labels. Deterministic: the shuffling seed is fixed.
     */
    public Model train(List<Vector> xs, boolean[] ys) {
        return train(xs, ys, idf.length);
    }

    /** As {@link #train(List, boolean[])}, for vectors with {@code dimensions} features in all. */
    public Model train(List<Vector> xs, boolean[] ys, int dimensions) {
        double[] w = new double[dimensions];
        double bias = 0;
        double scale = 1;
        Random random = new Random(42);
        int[] order = new int[xs.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        double typw = Math.sqrt(1.0 / Math.sqrt(ALPHA));
        double eta0 = typw / Math.max(1.0, dlogloss(-typw, 1.0));
        double t0 = 1.0 / (eta0 * ALPHA);
        long t = 0;
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int tmp = order[i];
                order[i] = order[j];
                order[j] = tmp;
            }
            for (int n : order) {
                double eta = 1.0 / (ALPHA * (t0 + t));
                Vector x = xs.get(n);
                double y = ys[n] ? 1 : -1;
                double z = bias;
                for (int k = 0; k < x.index().length; k++) {
                    z += w[x.index()[k]] * scale * x.value()[k];
                }
                double g = dlogloss(z, y);
                scale *= 1 - eta * ALPHA;
                if (scale < 1e-9) {
                    for (int k = 0; k < w.length; k++) {
                        w[k] *= scale;
                    }
                    scale = 1;
                }
                for (int k = 0; k < x.index().length; k++) {
                    w[x.index()[k]] += eta * g * x.value()[k] / scale;
                }
                bias += eta * g * 0.01;
                t++;
            }
        }
        for (int k = 0; k < w.length; k++) {
            w[k] *= scale;
        }
        return new Model(w, bias);
    }

    /** Minus the derivative of the log loss with respect to the margin, times y. */
    private static double dlogloss(double z, double y) {
        double yz = y * z;
        if (yz > 18) {
            return y * Math.exp(-yz);
        }
        if (yz < -18) {
            return y;
        }
        return y / (1 + Math.exp(yz));
    }
}
