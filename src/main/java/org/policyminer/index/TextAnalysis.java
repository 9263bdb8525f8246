package org.policyminer.index;

import java.io.IOException;
import java.io.Reader;
import java.util.Arrays;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * Index-time analysis of a clause's text that tokenises it once for both {@link IndexSchema#TEXT} and
 * {@link IndexSchema#EXACT}: tokenising was a third of indexing time and the two fields tokenise alike.
 *
 * <p>The text chain is the {@link EnglishAnalyzer}'s with lower-casing moved before the possessive filter (which
 * strips {@code 's} in either case, so the terms are the same); it records the lower-cased tokens, which are
 * exactly the exact field's. The exact field's tokenizer replays them when its input is the text just analysed
 * by the same thread (Lucene inverts a document's fields one after another, in order), and tokenises for itself
 * otherwise, so the terms never depend on that order.
 */
final class TextAnalysis {

    /** The last text analysed for {@link IndexSchema#TEXT} by a thread, and its lower-cased tokens. */
    private static final class Capture {
        char[] text = new char[256];
        int textLength;
        char[] terms = new char[256];
        int termsLength;
        int[] termEnds = new int[64];
        int[] increments = new int[64];
        int count;

        void clear() {
            textLength = 0;
            termsLength = 0;
            count = 0;
        }

        void addText(char[] buf, int off, int len) {
            if (textLength + len > text.length) {
                text = Arrays.copyOf(text, Math.max(text.length * 2, textLength + len));
            }
            System.arraycopy(buf, off, text, textLength, len);
            textLength += len;
        }

        void addToken(char[] buf, int len, int increment) {
            if (termsLength + len > terms.length) {
                terms = Arrays.copyOf(terms, Math.max(terms.length * 2, termsLength + len));
            }
            System.arraycopy(buf, 0, terms, termsLength, len);
            termsLength += len;
            if (count == termEnds.length) {
                termEnds = Arrays.copyOf(termEnds, count * 2);
                increments = Arrays.copyOf(increments, count * 2);
            }
            termEnds[count] = termsLength;
            increments[count] = increment;
            count++;
        }
    }

    private final ThreadLocal<Capture> captures = ThreadLocal.withInitial(Capture::new);

    /** The analyzer of {@link IndexSchema#TEXT} at index time: English terms, recording the exact tokens. */
    Analyzer text() {
        return new Analyzer() {
            @Override
            protected Reader initReader(String fieldName, Reader reader) {
                Capture capture = captures.get();
                capture.clear();
                return new RecordingReader(reader, capture);
            }

            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                StandardTokenizer source = new StandardTokenizer();
                TokenStream result = new LowerCaseFilter(source);
                result = new Recorder(result, captures);
                result = new EnglishPossessiveFilter(result);
                result = new StopFilter(result, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
                result = new PorterStemFilter(result);
                return new TokenStreamComponents(source, result);
            }
        };
    }

    /** The analyzer of {@link IndexSchema#EXACT} at index time: replays the text's tokens, or tokenises anew. */
    Analyzer exact() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                return new TokenStreamComponents(new Replay(captures));
            }
        };
    }

    /** Copies what the tokenizer reads into the capture, so the exact field can check it has the same input. */
    private static final class RecordingReader extends Reader {
        private final Reader in;
        private final Capture capture;

        RecordingReader(Reader in, Capture capture) {
            this.in = in;
            this.capture = capture;
        }

        @Override
        public int read(char[] buf, int off, int len) throws IOException {
            int n = in.read(buf, off, len);
            if (n > 0) {
                capture.addText(buf, off, n);
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** Records each lower-cased token before the English filters change or drop it. */
    private static final class Recorder extends TokenFilter {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final PositionIncrementAttribute increment = addAttribute(PositionIncrementAttribute.class);
        private final ThreadLocal<Capture> captures;
        private Capture capture;

        Recorder(TokenStream in, ThreadLocal<Capture> captures) {
            super(in);
            this.captures = captures;
        }

        @Override
        public void reset() throws IOException {
            super.reset();
            capture = captures.get();
        }

        @Override
        public boolean incrementToken() throws IOException {
            if (!input.incrementToken()) {
                return false;
            }
            capture.addToken(term.buffer(), term.length(), increment.getPositionIncrement());
            return true;
        }
    }

    /** The exact field's tokenizer: the captured tokens when the input matches, else standard tokens lower-cased. */
    private static final class Replay extends Tokenizer {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final PositionIncrementAttribute increment = addAttribute(PositionIncrementAttribute.class);
        private final ThreadLocal<Capture> captures;
        private char[] read = new char[256];
        private Capture capture;
        private int next;
        /** Tokenises for itself when the capture is of another text. */
        private StandardTokenizer fallbackSource;
        private TokenStream fallback;

        Replay(ThreadLocal<Capture> captures) {
            this.captures = captures;
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
            Capture c = captures.get();
            next = 0;
            if (Arrays.equals(read, 0, length, c.text, 0, c.textLength)) {
                capture = c;
                return;
            }
            capture = null;
            if (fallbackSource == null) {
                fallbackSource = new StandardTokenizer();
                fallback = new LowerCaseFilter(fallbackSource);
            }
            fallbackSource.setReader(new java.io.CharArrayReader(read, 0, length));
            fallback.reset();
        }

        @Override
        public boolean incrementToken() throws IOException {
            if (capture == null) {
                if (!fallback.incrementToken()) {
                    return false;
                }
                CharTermAttribute t = fallback.getAttribute(CharTermAttribute.class);
                clearAttributes();
                term.copyBuffer(t.buffer(), 0, t.length());
                increment.setPositionIncrement(fallback.getAttribute(PositionIncrementAttribute.class).getPositionIncrement());
                return true;
            }
            if (next >= capture.count) {
                return false;
            }
            clearAttributes();
            int from = next == 0 ? 0 : capture.termEnds[next - 1];
            term.copyBuffer(capture.terms, from, capture.termEnds[next] - from);
            increment.setPositionIncrement(capture.increments[next]);
            next++;
            return true;
        }

        @Override
        public void end() throws IOException {
            super.end();
            if (capture == null && fallback != null) {
                fallback.end();
            }
        }

        @Override
        public void close() throws IOException {
            super.close();
            if (fallback != null) {
                fallback.close();
            }
            capture = null;
        }
    }
}
