package org.policyminer.segment;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import opennlp.tools.ml.model.Context;
import opennlp.tools.ml.model.MaxentModel;
import opennlp.tools.ml.maxent.GISModel;
import opennlp.tools.postag.POSContextGenerator;
import opennlp.tools.postag.POSModel;
import opennlp.tools.postag.POSTaggerFactory;
import opennlp.tools.util.SequenceValidator;
import opennlp.tools.util.featuregen.AdaptiveFeatureGenerator;
import opennlp.tools.util.featuregen.PrefixFeatureGenerator;
import opennlp.tools.util.featuregen.SuffixFeatureGenerator;
import opennlp.tools.util.featuregen.TokenClassFeatureGenerator;
import opennlp.tools.util.featuregen.TokenFeatureGenerator;

/**
 * Tags tokens with an OpenNLP POS model, left to right, keeping the single most probable tag the tag dictionary
 * allows at each token: what {@code POSTaggerME} does with beam size 1, without the beam's bookkeeping.
 *
 * <p>For the feature generators of OpenNLP's English models (the default POS descriptor: suffixes, prefixes,
 * a ±2 token window, sentence-begin window, token class, previous tags) the tagger does not build feature
 * strings per token as OpenNLP does. It looks each word type's predicates up in the model once, keeps them as
 * model parameter rows in a bounded cache shared by the taggers of all threads ({@link WordMemo}; with the sum
 * of the rows that depend on the word alone), and per
 * token adds that sum and the rows of the neighbours and previous tags. Summed in this order the scores may
 * differ from GISModel's in their last bits, so the tag is taken only when its lead exceeds a bound on that
 * rounding; otherwise the rows are added in the very order {@code GISModel.eval} adds them, which gives its
 * scores bit for bit, and the tag is chosen from them as before. Either way every tag is OpenNLP's. Models
 * with any other descriptor, a tag dictionary, or another kind of classifier go through OpenNLP's context
 * generator and {@code MaxentModel.eval} as before.
 *
 * <p>Not thread-safe (scratch buffers per tagger): make one per thread.
 */
public final class GreedyPosTagger {

    /** The feature generator descriptor the fast path re-implements (comments and white space aside). */
    private static final String DEFAULT_DESCRIPTOR = "<featureGenerators cache=\"true\" name=\"posTagger\">"
            + "<generator class=\"opennlp.tools.util.featuregen.DefinitionFeatureGeneratorFactory\"/>"
            + "<generator class=\"opennlp.tools.util.featuregen.SuffixFeatureGeneratorFactory\"/>"
            + "<generator class=\"opennlp.tools.util.featuregen.PrefixFeatureGeneratorFactory\"/>"
            + "<generator class=\"opennlp.tools.util.featuregen.WindowFeatureGeneratorFactory\">"
            + "<int name=\"prevLength\">2</int><int name=\"nextLength\">2</int>"
            + "<generator class=\"opennlp.tools.util.featuregen.TokenFeatureGeneratorFactory\"/></generator>"
            + "<generator class=\"opennlp.tools.util.featuregen.WindowFeatureGeneratorFactory\">"
            + "<int name=\"prevLength\">2</int><int name=\"nextLength\">2</int>"
            + "<generator class=\"opennlp.tools.util.featuregen.SentenceFeatureGeneratorFactory\">"
            + "<bool name=\"begin\">true</bool><bool name=\"end\">false</bool></generator></generator>"
            + "<generator class=\"opennlp.tools.util.featuregen.TokenClassFeatureGeneratorFactory\"/>"
            + "<generator class=\"opennlp.tools.util.featuregen.PosTaggerFeatureGeneratorFactory\"/>"
            + "</featureGenerators>";
    private static final String DEFAULT_RESOURCE = "/opennlp/tools/postag/pos-default-features.xml";

    private final MaxentModel model;
    private final SequenceValidator<String> validator;
    private final String[] outcomes;
    private double[] probs;
    /** The OpenNLP path, for models whose features the fast path does not re-implement; else null. */
    private final POSContextGenerator contexts;
    private final Fast fast;

    /** A tagger for the given model (its beam size setting is ignored). */
    public GreedyPosTagger(POSModel pos) {
        this(pos, true);
    }

    /**
     * The same tagger on OpenNLP's own feature path (its context generator and {@code MaxentModel.eval}) for any
     * model: slower, the reference the fast path is checked and benchmarked against.
     */
    public static GreedyPosTagger onOpenNlpPath(POSModel pos) {
        return new GreedyPosTagger(pos, false);
    }

    private GreedyPosTagger(POSModel pos, boolean allowFast) {
        this.model = pos.getArtifact("pos.model");
        this.validator = pos.getFactory().getSequenceValidator();
        this.outcomes = new String[model.getNumOutcomes()];
        for (int i = 0; i < outcomes.length; i++) {
            outcomes[i] = model.getOutcome(i);
        }
        this.probs = new double[outcomes.length];
        // With a tag dictionary the allowed tags would need checking too; OpenNLP's English models have none.
        boolean fastOk = allowFast && model instanceof GISModel && pos.getFactory().getTagDictionary() == null
                && hasDefaultDescriptor(pos);
        this.fast = fastOk ? new Fast((GISModel) model, outcomes, WordMemo.of(pos, "pos rows")) : null;
        this.contexts = fastOk ? null : pos.getFactory().getPOSContextGenerator(0);
    }

    /** Whether tagging goes through the re-implemented features (true for OpenNLP's English models). */
    boolean isFast() {
        return fast != null;
    }

    /** One tag per token. */
    public String[] tag(String[] tokens) {
        String[] tags = new String[tokens.length];
        if (fast == null) {
            for (int i = 0; i < tokens.length; i++) {
                probs = model.eval(contexts.getContext(i, tokens, tags, null), probs);
                tags[i] = outcomes[choose(i, tokens, tags, probs)];
            }
            return tags;
        }
        Fast.Word[] words = new Fast.Word[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            words[i] = fast.word(tokens[i]);
        }
        int[] tagIds = new int[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            fast.quickScores(words, i, tagIds, probs);
            int best = DecisiveArgmax.of(probs, fast.quickGap);
            if (best < 0) {
                fast.scores(words, i, tagIds, probs);
                // GISModel's own sums: only exp() and the division remain to agree with.
                best = DecisiveArgmax.of(probs, DecisiveArgmax.SAFE_GAP);
            }
            if (best < 0) {
                Fast.normalise(probs);
                best = choose(i, tokens, tags, probs);
            }
            tagIds[i] = best;
            tags[i] = outcomes[best];
        }
        return tags;
    }

    /**
     * The most probable tag the dictionary allows, first one on ties, or the model's favourite when the
     * dictionary allows none: what the beam search of {@code POSTaggerME} keeps with beam size 1.
     */
    private int choose(int i, String[] tokens, String[] tags, double[] p) {
        int best = -1;
        int bestAny = 0;
        for (int o = 0; o < p.length; o++) {
            if (p[o] > p[bestAny]) {
                bestAny = o;
            }
            if ((best < 0 || p[o] > p[best]) && validator.validSequence(i, tokens, tags, outcomes[o])) {
                best = o;
            }
        }
        return best >= 0 ? best : bestAny;
    }

    /**
     * Whether the model's feature descriptor is the default one. The factory reads it from the model's
     * artifact and, when the model has none (as when {@link NlpModels} rebuilds it), from OpenNLP's default
     * resource; so does this check. (A factory created with explicit descriptor bytes is not seen here.)
     */
    private static boolean hasDefaultDescriptor(POSModel pos) {
        byte[] bytes;
        if (pos.getArtifact("generator.featuregen") instanceof byte[] own) {
            bytes = own;
        } else {
            try (InputStream in = POSTaggerFactory.class.getResourceAsStream(DEFAULT_RESOURCE)) {
                if (in == null) {
                    return false;
                }
                bytes = in.readAllBytes();
            } catch (IOException e) {
                return false;
            }
        }
        String xml = new String(bytes, StandardCharsets.UTF_8)
                .replaceAll("(?s)<!--.*?-->", "").replaceAll(">\\s+<", "><").strip();
        return xml.equals(DEFAULT_DESCRIPTOR);
    }

    /**
     * The default descriptor's features as parameter rows. At token i OpenNLP generates, in this order:
     * {@code def}; the suffixes and prefixes of word i; the lower-cased words i, i-1, i-2, i+1, i+2 (with
     * window prefixes {@code p1}, {@code p2}, {@code n1}, {@code n2}); {@code S=begin} for the token at the
     * sentence start, itself or one or two back; the token class of word i and word-and-class; the previous
     * tag and the previous two tags.
     */
    private static final class Fast {

        /** More rows than the descriptor yields per token (1 + 8 affixes + 5 window + 1 + 2 classes + 2 tags). */
        private static final int MAX_ROWS = 32;
        private final Map<String, Context> rows;
        private final int tagCount;
        /** The lead {@link #quickScores} need for a decision that GISModel's sums would certainly share. */
        final double quickGap;
        private final double logPrior;
        private final Context def;
        private final Context[] sentenceBegin;
        private final Context[] previousTag;
        private final Context[][] previousTwoTags;
        /** The prior and {@code def}, per tag: where every quick sum starts. */
        private final double[] base;
        /** Dense forms of {@link #sentenceBegin}, of {@link #previousTag}, and of the two tag rows summed. */
        private final double[][] sentenceBeginDense;
        private final double[][] previousTagDense;
        private final double[][][] previousTagsDense;
        private final WordMemo<Word> cache;
        private final Function<String, Word> newWord = this::newWord;
        private final SuffixFeatureGenerator suffixes = new SuffixFeatureGenerator(4);
        private final PrefixFeatureGenerator prefixes = new PrefixFeatureGenerator(4);
        private final TokenFeatureGenerator token = new TokenFeatureGenerator(true);
        private final TokenClassFeatureGenerator tokenClass = new TokenClassFeatureGenerator(true);
        private final String[] one = new String[1];
        private final List<String> features = new ArrayList<>();

        @SuppressWarnings("unchecked")
        Fast(GISModel model, String[] outcomes, WordMemo<Word> cache) {
            this.cache = cache;
            Object[] data = model.getDataStructures();
            // {parameters, predicate -> its parameter row, outcome names}
            this.rows = (Map<String, Context>) data[1];
            // GISModel's UniformPrior starts every outcome's score at this value.
            this.logPrior = StrictMath.log(1.0 / outcomes.length);
            this.tagCount = outcomes.length;
            double maxWeight = 0;
            for (Context c : rows.values()) {
                for (double v : c.getParameters()) {
                    maxWeight = Math.max(maxWeight, Math.abs(v));
                }
            }
            // A tag's score has at most MAX_ROWS + 1 terms: the prior and one weight per row.
            this.quickGap = DecisiveArgmax.gap(MAX_ROWS + 1, Math.abs(logPrior) + MAX_ROWS * maxWeight);
            this.def = row("def");
            this.sentenceBegin = new Context[] {row("S=begin"), row("p1S=begin"), row("p2S=begin")};
            this.previousTag = new Context[outcomes.length];
            this.previousTwoTags = new Context[outcomes.length][outcomes.length];
            for (int a = 0; a < outcomes.length; a++) {
                previousTag[a] = row("t=" + outcomes[a]);
                for (int b = 0; b < outcomes.length; b++) {
                    previousTwoTags[a][b] = row("t2=" + outcomes[a] + "," + outcomes[b]);
                }
            }
            this.base = new double[tagCount];
            java.util.Arrays.fill(base, logPrior);
            add(def, base);
            this.sentenceBeginDense = new double[sentenceBegin.length][];
            for (int k = 0; k < sentenceBegin.length; k++) {
                sentenceBeginDense[k] = dense(tagCount, sentenceBegin[k]);
            }
            this.previousTagDense = new double[tagCount][];
            this.previousTagsDense = new double[tagCount][tagCount][];
            for (int b = 0; b < tagCount; b++) {
                previousTagDense[b] = dense(tagCount, previousTag[b]);
                for (int a = 0; a < tagCount; a++) {
                    // Tags a then b: "t=b" and "t2=a,b".
                    previousTagsDense[a][b] = dense(tagCount, previousTag[b], previousTwoTags[a][b]);
                }
            }
        }

        /** The sum of some rows as one array per tag, or null when every row is null (no predicate). */
        private static double[] dense(int tags, Context... rows) {
            double[] out = null;
            for (Context c : rows) {
                if (c != null) {
                    out = out == null ? new double[tags] : out;
                    add(c, out);
                }
            }
            return out;
        }

        /** A word type's parameter rows (null where the model has no such predicate); immutable once built. */
        static final class Word {
            /** The suffix and prefix rows, then the token class rows. */
            final Context[] affixes;
            final Context[] classes;
            /** The lower-cased word seen from offsets 0, -1, -2, +1, +2. */
            final Context[] window;
            /** The window rows of offsets -1, -2, +1, +2 as arrays per tag (null: no such predicate). */
            final double[][] near;
            /** The quick sum's start plus the rows of the word's own features (affixes, window[0], classes). */
            final double[] own;

            Word(Context[] affixes, Context[] classes, Context[] window, double[] base) {
                this.affixes = affixes;
                this.classes = classes;
                this.window = window;
                this.near = new double[4][];
                for (int k = 0; k < near.length; k++) {
                    near[k] = dense(base.length, window[k + 1]);
                }
                this.own = base.clone();
                for (Context c : affixes) {
                    add(c, own);
                }
                add(window[0], own);
                for (Context c : classes) {
                    add(c, own);
                }
            }
        }

        Word word(String text) {
            return cache.get(text, newWord);
        }

        private Word newWord(String text) {
            return new Word(rows(suffixes, prefixes, text), rows(tokenClass, null, text), window(text), base);
        }

        private Context[] rows(AdaptiveFeatureGenerator first, AdaptiveFeatureGenerator second, String text) {
            features.clear();
            one[0] = text;
            first.createFeatures(features, one, 0, null);
            if (second != null) {
                second.createFeatures(features, one, 0, null);
            }
            Context[] found = new Context[features.size()];
            for (int i = 0; i < found.length; i++) {
                found[i] = row(features.get(i));
            }
            return found;
        }

        private Context[] window(String text) {
            features.clear();
            one[0] = text;
            token.createFeatures(features, one, 0, null);
            String w = features.get(0);
            return new Context[] {row(w), row("p1" + w), row("p2" + w), row("n1" + w), row("n2" + w)};
        }

        private Context row(String predicate) {
            return rows.get(predicate);
        }

        /**
         * The raw scores at token i summed in another order, from dense arrays: the prior, {@code def} and the
         * word's own rows pre-summed, then the neighbours' window rows, the sentence start and the two tag rows
         * pre-summed. They differ from GISModel's by rounding only, which {@link #quickGap} bounds (it holds for
         * any order and grouping of the same terms).
         */
        void quickScores(Word[] words, int i, int[] tags, double[] out) {
            System.arraycopy(words[i].own, 0, out, 0, out.length);
            if (i >= 1) {
                addDense(words[i - 1].near[0], out);
            }
            if (i >= 2) {
                addDense(words[i - 2].near[1], out);
            }
            if (i + 1 < words.length) {
                addDense(words[i + 1].near[2], out);
            }
            if (i + 2 < words.length) {
                addDense(words[i + 2].near[3], out);
            }
            if (i <= 2) {
                addDense(sentenceBeginDense[i], out);
            }
            if (i == 1) {
                addDense(previousTagDense[tags[0]], out);
            } else if (i >= 2) {
                addDense(previousTagsDense[tags[i - 2]][tags[i - 1]], out);
            }
        }

        private static void addDense(double[] row, double[] out) {
            if (row != null) {
                for (int o = 0; o < out.length; o++) {
                    out[o] += row[o];
                }
            }
        }

        /** The raw (log-linear) scores of every tag at token i, summed in GISModel's order. */
        void scores(Word[] words, int i, int[] tags, double[] out) {
            java.util.Arrays.fill(out, logPrior);
            add(def, out);
            Word w = words[i];
            for (Context c : w.affixes) {
                add(c, out);
            }
            add(w.window[0], out);
            if (i >= 1) {
                add(words[i - 1].window[1], out);
            }
            if (i >= 2) {
                add(words[i - 2].window[2], out);
            }
            if (i + 1 < words.length) {
                add(words[i + 1].window[3], out);
            }
            if (i + 2 < words.length) {
                add(words[i + 2].window[4], out);
            }
            if (i <= 2) {
                add(sentenceBegin[i], out);
            }
            for (Context c : w.classes) {
                add(c, out);
            }
            if (i >= 1) {
                add(previousTag[tags[i - 1]], out);
            }
            if (i >= 2) {
                add(previousTwoTags[tags[i - 2]][tags[i - 1]], out);
            }
        }

        private static void add(Context c, double[] out) {
            if (c == null) {
                return;
            }
            int[] outcomes = c.getOutcomes();
            double[] values = c.getParameters();
            for (int k = 0; k < outcomes.length; k++) {
                out[outcomes[k]] += values[k];
            }
        }

        /** Turns raw scores into probabilities exactly as {@code GISModel.eval} does. */
        static void normalise(double[] scores) {
            double normal = 0.0;
            for (int o = 0; o < scores.length; o++) {
                scores[o] = StrictMath.exp(scores[o]);
                normal += scores[o];
            }
            for (int o = 0; o < scores.length; o++) {
                scores[o] /= normal;
            }
        }
    }
}
