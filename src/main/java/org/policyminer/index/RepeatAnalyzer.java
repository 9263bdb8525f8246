package org.policyminer.index;

import java.io.IOException;
import java.util.Arrays;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * An analyzer for values that repeat from one document to the next: it remembers, per thread, the last value
 * it analysed and its tokens, and replays them when the same value comes again. All clauses of a section carry
 * the same section path, and analysing it anew for every clause was a tenth of indexing time. Gives the terms
 * and position increments of the wrapped analyzer (no offsets: the section field keeps none).
 */
final class RepeatAnalyzer extends Analyzer {

    private final Analyzer delegate;

    /** Replays what {@code delegate} makes of each value. */
    RepeatAnalyzer(Analyzer delegate) {
        this.delegate = delegate;
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        return new TokenStreamComponents(new Replay(delegate, fieldName));
    }

    @Override
    public void close() {
        super.close();
        delegate.close();
    }

    /**
     * Reads the whole value, analyses it with the delegate unless it is the previous value again, then hands
     * out the remembered tokens. One per thread and field (Analyzer reuses components per thread).
     */
    private static final class Replay extends Tokenizer {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final PositionIncrementAttribute increment = addAttribute(PositionIncrementAttribute.class);
        private final Analyzer delegate;
        private final String field;
        /** The value read by reset(), and the last value analysed (whose tokens are below; null before one is). */
        private char[] read = new char[128];
        private char[] last;
        /** The tokens of {@link #last}: terms end to end, with their end offsets in {@link #terms} and increments. */
        private final StringBuilder terms = new StringBuilder();
        private int[] termEnds = new int[16];
        private int[] increments = new int[16];
        private int count;
        private int next;

        Replay(Analyzer delegate, String field) {
            this.delegate = delegate;
            this.field = field;
        }

        @Override
        public void reset() throws IOException {
            super.reset();
            int length = 0;
            for (int n; (n = input.read(read, length, read.length - length)) != -1; ) {
                length += n;
                if (length == read.length) {
                    read = Arrays.copyOf(read, read.length * 2);
                }
            }
            next = 0;
            if (last == null || !Arrays.equals(read, 0, length, last, 0, last.length)) {
                last = null; // until the analysis has finished
                analyse(new String(read, 0, length));
                last = Arrays.copyOf(read, length);
            }
        }

        private void analyse(String value) throws IOException {
            terms.setLength(0);
            count = 0;
            try (TokenStream ts = delegate.tokenStream(field, value)) {
                CharTermAttribute t = ts.addAttribute(CharTermAttribute.class);
                PositionIncrementAttribute p = ts.addAttribute(PositionIncrementAttribute.class);
                ts.reset();
                while (ts.incrementToken()) {
                    if (count == termEnds.length) {
                        termEnds = Arrays.copyOf(termEnds, count * 2);
                        increments = Arrays.copyOf(increments, count * 2);
                    }
                    terms.append(t.buffer(), 0, t.length());
                    termEnds[count] = terms.length();
                    increments[count] = p.getPositionIncrement();
                    count++;
                }
                ts.end();
            }
        }

        @Override
        public boolean incrementToken() {
            if (next >= count) {
                return false;
            }
            clearAttributes();
            int from = next == 0 ? 0 : termEnds[next - 1];
            term.setEmpty().append(terms, from, termEnds[next]);
            increment.setPositionIncrement(increments[next]);
            next++;
            return true;
        }
    }
}
