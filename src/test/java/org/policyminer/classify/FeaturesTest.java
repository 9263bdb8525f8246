package org.policyminer.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.policyminer.PolicyMiner;
import org.policyminer.PolicyMinerException;
import org.policyminer.ingest.Source;

/**
 * The shipped model's features hash n-grams straight out of a character buffer; the model's weights sit at the
 * indexes the original string-building extractor computed. This checks, on the clauses of real policies and on
 * awkward text, that both give bit-identical vectors: the reference below is the original extractor, verbatim.
 */
class FeaturesTest {

    private static ModelClassifier model;
    private static List<Unit> units;

    @BeforeAll
    static void annotateRealPolicies() throws IOException {
        model = ModelClassifier.bundled().orElseThrow();
        PolicyMiner miner = PolicyMiner.builder().classifier(model).attributes(false).tokens(false).build();
        units = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        for (Path dir : List.of(Path.of("corpus"), Path.of("src/test/resources/opp115-mini/sanitized_policies"))) {
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(Files::isRegularFile).sorted().forEach(files::add);
            }
        }
        for (Path f : files) {
            try {
                units.addAll(Unit.of(miner.annotate(new Source(f.toString(), f.toString(), Files.readAllBytes(f), null))
                        .clauses()));
            } catch (PolicyMinerException e) {
                // Not a policy the pipeline reads; the others are plenty.
            }
        }
        String odd = "Daten f\u00fcr Kunden \u2014 the site\u2019s 2019 \u00c9T\u00c9 \u0130stanbul \u01c5 1\u00bd "
                + "\u0663\u0664 don't  ''  a-b_c \ud83d\ude00x \u00df\u1e9e";
        units.add(new Unit(odd, "A / B\u2019s section", odd.toUpperCase(), "", "x", 0));
        units.add(new Unit("", "", "", "", "", -1));
        units.add(new Unit("'", "\u2019", " ", "a", "9", 1));
        assertTrue(units.size() > 500, "real clauses: " + units.size());
    }

    @Test
    void vectorsAreBitIdenticalToTheOriginalExtractor() {
        Features f = model.features();
        Reference ref = new Reference(f);
        LexiconClassifier lexicon = LexiconClassifier.bundled();
        for (Unit u : units) {
            Map<Category, Double> lex = lexicon.scores(u.text(), u.section(), u.leadIn());
            SparseVector expected = ref.vector(u, lex);
            Features.Entries both = f.entries(u, LexiconClassifier.toArray(lex), true);
            assertArrayEquals(expected.index(), Arrays.copyOf(both.index(), both.size()), u.text());
            assertArrayEquals(expected.value(), Arrays.copyOf(both.value(), both.size()), u.text());
            assertArrayEquals(expected.index(), f.vector(u).index(), u.text());
            SparseVector text = ref.textVector(u);
            assertArrayEquals(text.index(), both.text().index(), u.text());
            assertArrayEquals(text.value(), both.text().value(), u.text());
            assertArrayEquals(text.value(), f.textVector(u).value(), u.text());
        }
    }

    /**
     * The shipped model scores from half-precision copies of its weights, four labels at a time; every score must
     * be bit-identical to the original loop over the float weights (verbatim below), side inputs included.
     */
    @Test
    void logitsFromHalvesAreBitIdenticalToTheFloatLoop() {
        Calibration.Folded folded = model.folded();
        LogisticRegression.Weights weights = folded.weights();
        assertTrue(folded.halves() != null, "the bundled model's weights are halves: the fast path must be taken");
        LexiconClassifier lexicon = LexiconClassifier.bundled();
        int n = weights.labels();
        for (Unit u : units) {
            Map<Category, Double> lex = lexicon.scores(u.text(), u.section(), u.leadIn());
            SparseVector x = model.features().vector(u, lex);
            double[] side = new double[folded.lexicon()[0].length];
            System.arraycopy(ModelClassifier.lexiconInputs(model.labels(), lex), 0, side, 0, n);
            for (int k = n; k < side.length; k++) {
                side[k] = (k * 0.37) % 1; // stands in for neighbour votes
            }
            double[] expected = new double[n];
            for (int l = 0; l < n; l++) {
                expected[l] = weights.bias()[l];
            }
            for (int i = 0; i < x.index().length; i++) {
                int base = x.index()[i] * n;
                float v = x.value()[i];
                for (int l = 0; l < n; l++) {
                    expected[l] += weights.w()[base + l] * v;
                }
            }
            for (int l = 0; l < n; l++) {
                for (int k = 0; k < side.length; k++) {
                    expected[l] += folded.lexicon()[l][k] * side[k];
                }
            }
            assertArrayEquals(expected, folded.logits(x, side), u.text());
        }
        // Weights that are no halves keep the float loop (a model fresh from training).
        float[] w = weights.w().clone();
        w[0] = 0.1f;
        assertEquals(null, LogisticRegression.halves(w));
    }

    @Test
    void wordsAreTheOriginalWords() {
        for (Unit u : units) {
            Features.Words w = Features.words(u.text());
            List<String> words = new ArrayList<>();
            for (int i = 0; i < w.size(); i++) {
                words.add(new String(w.chars(), w.start()[i], w.end()[i] - w.start()[i]));
                assertEquals(' ', w.chars()[w.start()[i] - 1]);
                assertEquals(' ', w.chars()[w.end()[i]]);
            }
            assertEquals(Reference.words(u.text()), words, u.text());
        }
    }

    /** The feature extractor as first written: n-grams built as strings, then hashed. */
    private static final class Reference {
        private final Features.Config config;
        private final int mask;
        private final float[] idf;

        Reference(Features f) {
            this.config = f.config();
            this.mask = f.dimensions() - 1;
            this.idf = f.idf();
        }

        SparseVector vector(Unit u, Map<Category, Double> lexiconScores) {
            Builder b = new Builder();
            List<String> words = words(u.text());
            b.block(wordHashes(1, words, true), 1.0);
            if (config.chars()) {
                b.block(charHashes(words), 1.0);
            }
            if (config.contextWeight() > 0) {
                b.block(wordHashes(3, words(u.section()), false), config.contextWeight());
                b.block(wordHashes(4, words(u.leadIn()), true), config.contextWeight());
            }
            if (config.neighbourWeight() > 0) {
                b.block(wordHashes(5, words(u.previous()), false), config.neighbourWeight());
                b.block(wordHashes(6, words(u.next()), false), config.neighbourWeight());
            }
            if (config.position() && u.position() >= 0) {
                int bucket = (int) Math.min(4, Math.floor(u.position() * 5));
                b.add(hash(7, "p" + bucket), 1f);
                if (u.position() == 0) {
                    b.add(hash(7, "first"), 1f);
                }
            }
            if (config.lexiconWeight() > 0) {
                for (Map.Entry<Category, Double> e : lexiconScores.entrySet()) {
                    b.add(hash(8, e.getKey().id()), (float) (e.getValue() * config.lexiconWeight()));
                }
            }
            return b.build();
        }

        SparseVector textVector(Unit u) {
            Builder b = new Builder();
            b.block(wordHashes(1, words(u.text()), true), 1.0);
            return b.build();
        }

        static List<String> words(String text) {
            List<String> out = new ArrayList<>();
            StringBuilder w = new StringBuilder();
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (Character.isLetterOrDigit(c)) {
                    w.append(Character.isDigit(c) ? '0' : Character.toLowerCase(c));
                } else if (c == '\'' || c == '\u2019') {
                    continue;
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

        int[] wordHashes(int ns, List<String> words, boolean bigrams) {
            int n = words.size();
            int[] out = new int[bigrams ? Math.max(0, 2 * n - 1) : n];
            int k = 0;
            for (int i = 0; i < n; i++) {
                out[k++] = hash(ns, words.get(i));
                if (bigrams && i + 1 < n) {
                    out[k++] = hash(ns, words.get(i) + ' ' + words.get(i + 1));
                }
            }
            return out;
        }

        int[] charHashes(List<String> words) {
            List<Integer> out = new ArrayList<>();
            for (String w : words) {
                String padded = ' ' + w + ' ';
                for (int n = 3; n <= 5; n++) {
                    for (int i = 0; i + n <= padded.length(); i++) {
                        out.add(hashRange(2, padded, i, i + n));
                    }
                }
            }
            return out.stream().mapToInt(Integer::intValue).toArray();
        }

        int hash(int ns, String s) {
            return hashRange(ns, s, 0, s.length());
        }

        int hashRange(int ns, String s, int from, int to) {
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

        final class Builder {
            int[] idx = new int[256];
            float[] val = new float[256];
            int size;

            void add(int i, float v) {
                if (size == idx.length) {
                    idx = Arrays.copyOf(idx, size * 2);
                    val = Arrays.copyOf(val, size * 2);
                }
                idx[size] = i;
                val[size++] = v;
            }

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
                    float v = (float) ((1 + Math.log(j - i)) * idf[hashes[i]]);
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
    }
}
