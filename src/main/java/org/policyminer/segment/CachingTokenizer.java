package org.policyminer.segment;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

import opennlp.tools.tokenize.TokenizerME;
import opennlp.tools.tokenize.TokenizerModel;
import opennlp.tools.tokenize.WhitespaceTokenizer;
import opennlp.tools.util.Span;

/**
 * OpenNLP's {@link TokenizerME} with a memory of the words it has split. {@code TokenizerME} first splits at
 * white space and then decides every split inside one white-space-delimited word from that word's characters
 * alone (its context generator sees only the word; the abbreviation check sees only the word). So the splits
 * of a word are the same wherever it occurs, and this tokenizer asks the model once per distinct word instead
 * of once per occurrence: same spans, a fraction of the work on policy text, which repeats its words. The memory
 * is shared by the tokenizers of all threads that use one model ({@link WordMemo}). Words that the model's
 * alphanumeric optimisation keeps whole are kept whole here without looking them up.
 *
 * <p>Not thread-safe (like {@code TokenizerME}): make one per thread.
 */
public final class CachingTokenizer {

    /** Marks a word the model leaves whole. */
    private static final int[] WHOLE = new int[0];
    /** OpenNLP's default alphanumeric pattern, which {@link #isAsciiAlphanumeric} tests without a matcher. */
    private static final String ASCII_ALPHANUMERIC = "^[A-Za-z0-9]+$";

    private final TokenizerME tokenizer;
    /** Word -> start and end offsets of its pieces, pairwise ({@link #WHOLE}: left whole). */
    private final WordMemo<int[]> cache;
    private final Function<String, int[]> split = this::split;
    /** The words TokenizerME keeps whole without its model, or null when the model has no such optimisation. */
    private final Pattern alphanumeric;
    private final boolean asciiAlphanumeric;

    /** A tokenizer for the given model. */
    public CachingTokenizer(TokenizerModel model) {
        this.tokenizer = new TokenizerME(model);
        this.cache = WordMemo.of(model, "token pieces");
        this.alphanumeric = model.getFactory().isUseAlphaNumericOptimization()
                ? model.getFactory().getAlphaNumericPattern() : null;
        this.asciiAlphanumeric = alphanumeric != null && alphanumeric.pattern().equals(ASCII_ALPHANUMERIC)
                && alphanumeric.flags() == 0;
    }

    /** The token spans of a text, exactly as {@link TokenizerME#tokenizePos(String)} gives them. */
    public Span[] tokenizePos(String text) {
        Span[] words = WhitespaceTokenizer.INSTANCE.tokenizePos(text);
        List<Span> out = new ArrayList<>(words.length + words.length / 4);
        for (Span w : words) {
            int start = w.getStart();
            int[] pieces = w.length() < 2 || isAsciiAlphanumeric(text, start, w.getEnd()) ? WHOLE
                    : pieces(text.substring(start, w.getEnd()));
            if (pieces == WHOLE) {
                out.add(w);
            }
            for (int i = 0; i < pieces.length; i += 2) {
                out.add(new Span(start + pieces[i], start + pieces[i + 1]));
            }
        }
        return out.toArray(new Span[0]);
    }

    /**
     * Whether TokenizerME's alphanumeric optimisation keeps text[start, end) whole: its default pattern tested
     * on the characters in place (no substring, no lookup). False for any other pattern: the memo decides.
     */
    private boolean isAsciiAlphanumeric(String text, int start, int end) {
        if (!asciiAlphanumeric) {
            return false;
        }
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }

    private int[] pieces(String word) {
        return cache.get(word, split);
    }

    private int[] split(String word) {
        // The word alone is one white-space token, so TokenizerME treats it exactly as inside any text.
        Span[] spans = tokenizer.tokenizePos(word);
        if (spans.length == 1 && spans[0].getStart() == 0 && spans[0].getEnd() == word.length()) {
            return WHOLE;
        }
        int[] pieces = new int[2 * spans.length];
        for (int i = 0; i < spans.length; i++) {
            pieces[2 * i] = spans[i].getStart();
            pieces[2 * i + 1] = spans[i].getEnd();
        }
        return pieces;
    }
}
