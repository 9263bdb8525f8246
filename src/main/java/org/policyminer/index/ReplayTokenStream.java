package org.policyminer.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * Tokens analysed once and replayed for every clause that shares them: all clauses of a section carry the same
 * section path, and analysing it again for each clause cost a third of indexing time. Carries terms and
 * positions only (the section field keeps no offsets).
 */
final class ReplayTokenStream extends TokenStream {

    /** A section path's tokens: terms and position increments. */
    record Tokens(List<String> terms, int[] increments) {
    }

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final PositionIncrementAttribute increment = addAttribute(PositionIncrementAttribute.class);
    private final Tokens tokens;
    private int next;

    ReplayTokenStream(Tokens tokens) {
        this.tokens = tokens;
    }

    /** Analyses {@code text} as {@code field} with {@code analyzer}, keeping what a replay needs. */
    static Tokens analyse(Analyzer analyzer, String field, String text) {
        List<String> terms = new ArrayList<>();
        List<Integer> increments = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream(field, text)) {
            CharTermAttribute t = ts.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute p = ts.addAttribute(PositionIncrementAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                terms.add(t.toString());
                increments.add(p.getPositionIncrement());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // analysing a String reads no file
        }
        return new Tokens(List.copyOf(terms), increments.stream().mapToInt(Integer::intValue).toArray());
    }

    @Override
    public boolean incrementToken() {
        if (next >= tokens.terms().size()) {
            return false;
        }
        clearAttributes();
        term.setEmpty().append(tokens.terms().get(next));
        increment.setPositionIncrement(tokens.increments()[next]);
        next++;
        return true;
    }

    @Override
    public void reset() throws IOException {
        super.reset();
        next = 0;
    }
}
