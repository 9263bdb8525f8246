package org.policyminer.index;

import java.util.Map;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * The layout of a clause index, shared by the writer and the searcher: one Lucene document per clause, with
 * these fields. Changing how a field is indexed means raising {@link #VERSION}, so that an old index is
 * rejected with a clear message instead of silently answering wrongly.
 */
public final class IndexSchema {

    /** Layout version, stored in every commit's user data. */
    public static final String VERSION = "6";
    /** Commit user-data key holding {@link #VERSION}. */
    public static final String VERSION_KEY = "policyminer.schema";

    /** The policy's id: indexed as one term, stored, sorted doc values for per-policy counts; the key replacement
     *  and deletion work by. */
    public static final String DOC_ID = "doc_id";
    /** Position of the clause in its policy: numeric doc values, for ordering a policy's clauses. */
    public static final String CLAUSE_ID = "clause_id";
    /** Section path joined with {@code " > "}, English-analysed: the {@code section:} query field. */
    public static final String SECTION = "section";
    /** Clause text, stored only (shown and highlighted); the {@code text:} query field, which is searched in
     *  {@link #EXACT}. */
    public static final String TEXT = "text";
    /**
     * Clause text as words lower-cased but not stemmed, with positions: the only indexed copy of the text. Quoted
     * phrases match these words as written; a bare word is stemmed and matches every indexed word with the same
     * stem (see {@link #stemmer()}), so that no second, stemmed copy has to be inverted at indexing time.
     */
    public static final String EXACT = "exact";
    /** Assigned taxonomy ids, one term each (the {@code category:} query field) and sorted-set doc values for
     *  per-category counts. */
    public static final String CATEGORY = "category";
    /** Extracted attributes, as keyword terms {@code type} and {@code type=value}: the {@code attribute:} query field. */
    public static final String ATTRIBUTE = "attribute";
    /**
     * Everything else shown with a clause, stored as one compact value ({@link ClauseMeta}): its section (by
     * number), categories with scores, offsets, kind, lead-in, attributes. One stored value instead of ten keeps
     * indexing fast.
     */
    public static final String CLAUSE_META = "clause_meta";
    /** On the first clause of a policy only: what all its clauses share ({@link ClauseMeta.Policy}): source,
     *  title, section paths. */
    public static final String POLICY_META = "policy_meta";
    /** On the first clause of a policy only: fingerprint of everything indexed for it, to skip unchanged policies. */
    public static final String DOC_FINGERPRINT = "doc_fingerprint";
    /** On the first clause of a policy only: SHA-256 of the raw input bytes plus the pipeline that annotated them. */
    public static final String SOURCE_FINGERPRINT = "source_fingerprint";

    /**
     * Lucene logs a warning on every start that the JDK's incubating vector module is not enabled; the CLI cannot
     * enable it without another warning of the JVM's own, so the note is silenced (held here: loggers are weakly
     * referenced and would forget the level).
     */
    private static final java.util.logging.Logger VECTORIZATION_LOG = quiet("org.apache.lucene.internal.vectorization");

    /** Call before touching Lucene: silences its start-up note about the vector module (see above). */
    public static void quietLucene() {
        VECTORIZATION_LOG.getName();
    }

    private IndexSchema() {
    }

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger log = java.util.logging.Logger.getLogger(name);
        log.setLevel(java.util.logging.Level.SEVERE);
        return log;
    }

    /** The analyzer of every field, for indexing and for query parsing alike. */
    public static Analyzer analyzer() {
        Analyzer keyword = new KeywordAnalyzer();
        return new PerFieldAnalyzerWrapper(new EnglishAnalyzer(), Map.of(
                EXACT, exactAnalyzer(),
                DOC_ID, keyword,
                CATEGORY, keyword,
                ATTRIBUTE, keyword));
    }

    /**
     * The analyzer of an {@link org.apache.lucene.index.IndexWriter}: the terms of {@link #analyzer()}, with the
     * section path analysed once per section rather than once per clause (see {@link RepeatAnalyzer}).
     */
    static Analyzer indexingAnalyzer() {
        Analyzer keyword = new KeywordAnalyzer();
        return new PerFieldAnalyzerWrapper(new EnglishAnalyzer(), Map.of(
                SECTION, new RepeatAnalyzer(new EnglishAnalyzer()),
                EXACT, exactAnalyzer(),
                DOC_ID, keyword,
                CATEGORY, keyword,
                ATTRIBUTE, keyword));
    }

    /**
     * The analyzer that highlights clause text ({@link #TEXT}): the words of {@link #EXACT}, which every text
     * query is made of.
     */
    public static Analyzer highlightAnalyzer() {
        return new PerFieldAnalyzerWrapper(new EnglishAnalyzer(), Map.of(TEXT, exactAnalyzer(), EXACT, exactAnalyzer()));
    }

    /**
     * What the English analyzer makes of one word of {@link #EXACT}: its stem, or {@code null} for a stop word.
     * The English chain works word by word after tokenising (possessive, stop words, Porter stemmer), so stemming
     * the indexed words one at a time gives exactly the terms it would give for the whole text.
     */
    public static java.util.function.UnaryOperator<String> stemmer() {
        Analyzer english = new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                KeywordTokenizer source = new KeywordTokenizer();
                TokenStream result = new EnglishPossessiveFilter(source);
                result = new StopFilter(result, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
                result = new PorterStemFilter(result);
                return new TokenStreamComponents(source, result);
            }
        };
        return word -> {
            try (TokenStream ts = english.tokenStream(EXACT, word)) {
                CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
                ts.reset();
                String stem = ts.incrementToken() ? term.toString() : null;
                ts.end();
                return stem;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e); // analysing a String reads no file
            }
        };
    }

    /** Standard tokenisation and lower-casing only: a phrase matches the words as written. */
    public static Analyzer exactAnalyzer() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                StandardTokenizer source = new StandardTokenizer();
                TokenStream result = new LowerCaseFilter(source);
                return new TokenStreamComponents(source, result);
            }

            @Override
            protected TokenStream normalize(String fieldName, TokenStream in) {
                return new LowerCaseFilter(in);
            }
        };
    }
}
