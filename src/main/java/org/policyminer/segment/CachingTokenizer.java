package org.policyminer.segment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import opennlp.tools.tokenize.TokenizerME;
import opennlp.tools.tokenize.TokenizerModel;
import opennlp.tools.tokenize.WhitespaceTokenizer;
import opennlp.tools.util.Span;

/**
 * OpenNLP's {@link TokenizerME} with a memory of the words it has split. {@code TokenizerME} first splits at
 * white space and then decides every split inside one white-space-delimited word from that word's characters
 * alone (its context generator sees only the word; the abbreviation check sees only the word). So the splits
 * of a word are the same wherever it occurs, and this tokenizer asks the model once per distinct word instead
 * of once per occurrence: same spans, a fraction of the work on policy text, which repeats its words.
 *
 * <p>Not thread-safe (like {@code TokenizerME}): make one per thread.
 */
public final class CachingTokenizer {

    /** Distinct words kept; the cache is emptied when full (policy vocabularies are far smaller). */
    private static final int CACHE_WORDS = 50_000;
    /** Marks a word the model leaves whole. */
    private static final int[] WHOLE = new int[0];

    private final TokenizerME tokenizer;
    /** Word -> start and end offsets of its pieces, pairwise ({@link #WHOLE}: left whole). */
    private final Map<String, int[]> cache = new HashMap<>();

    /** A tokenizer for the given model. */
    public CachingTokenizer(TokenizerModel model) {
        this.tokenizer = new TokenizerME(model);
    }

    /** The token spans of a text, exactly as {@link TokenizerME#tokenizePos(String)} gives them. */
    public Span[] tokenizePos(String text) {
        Span[] words = WhitespaceTokenizer.INSTANCE.tokenizePos(text);
        List<Span> out = new ArrayList<>(words.length + words.length / 4);
        for (Span w : words) {
            int start = w.getStart();
            int[] pieces = w.length() < 2 ? WHOLE : pieces(text.substring(start, w.getEnd()));
            if (pieces == WHOLE) {
                out.add(w);
            }
            for (int i = 0; i < pieces.length; i += 2) {
                out.add(new Span(start + pieces[i], start + pieces[i + 1]));
            }
        }
        return out.toArray(new Span[0]);
    }

    private int[] pieces(String word) {
        int[] pieces = cache.get(word);
        if (pieces == null) {
            if (cache.size() >= CACHE_WORDS) {
                cache.clear();
            }
            // The word alone is one white-space token, so TokenizerME treats it exactly as inside any text.
            Span[] spans = tokenizer.tokenizePos(word);
            if (spans.length == 1 && spans[0].getStart() == 0 && spans[0].getEnd() == word.length()) {
                pieces = WHOLE;
            } else {
                pieces = new int[2 * spans.length];
                for (int i = 0; i < spans.length; i++) {
                    pieces[2 * i] = spans[i].getStart();
                    pieces[2 * i + 1] = spans[i].getEnd();
                }
            }
            cache.put(word, pieces);
        }
        return pieces;
    }
}
