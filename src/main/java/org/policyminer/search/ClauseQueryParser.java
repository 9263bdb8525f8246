package org.policyminer.search;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.queryparser.classic.Token;
import org.apache.lucene.queryparser.classic.TokenMgrError;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.SynonymQuery;
import org.apache.lucene.search.TermQuery;
import org.policyminer.classify.Category;
import org.policyminer.index.IndexSchema;

/**
 * Parses Lucene's classic query syntax over the clause index: a bare word matches every indexed word with its
 * stem (see {@link WordForms}), quoted phrases and wildcards the words as written, and {@code section:},
 * {@code category:} and {@code doc:} address the other fields. Queries that would be expensive or surprising are refused with a one-line reason: leading
 * wildcards, short prefixes, many wildcard terms, regular expressions, unknown fields and unknown categories.
 * Not thread-safe: create one per query (it is cheap).
 */
public final class ClauseQueryParser {

    /** Longest query accepted, in characters. */
    public static final int MAX_LENGTH = 500;
    /** Most wildcard, prefix, fuzzy or range terms in one query. */
    public static final int MAX_MULTI_TERMS = 3;
    /** Fewest literal characters a wildcard or prefix term must start with. */
    public static final int MIN_PREFIX = 3;

    /** Query field names users may write, mapped to index fields. */
    private static final Map<String, String> FIELDS = Map.of(
            "text", IndexSchema.TEXT,
            "section", IndexSchema.SECTION,
            "category", IndexSchema.CATEGORY,
            "doc", IndexSchema.DOC_ID,
            "attribute", IndexSchema.ATTRIBUTE,
            "doc_id", IndexSchema.DOC_ID);

    private final Parser parser;

    /**
     * Creates a parser analysing terms with {@code analyzer} (normally {@link IndexSchema#analyzer()}).
     *
     * @param forms the indexed words of a stem (sorted), into which each bare word of the clause text expands
     */
    public ClauseQueryParser(Analyzer analyzer, Function<String, List<String>> forms) {
        this.parser = new Parser(analyzer, forms);
    }

    /** Parses a query, or explains in one line why it cannot be run. */
    public Query parse(String query) throws InvalidQueryException {
        if (query.length() > MAX_LENGTH) {
            throw new InvalidQueryException("the query is " + query.length() + " characters long; the limit is " + MAX_LENGTH);
        }
        if (query.chars().anyMatch(c -> c < 0x20 && c != '\t' && c != '\n' && c != '\r')) {
            throw new InvalidQueryException("the query contains control characters");
        }
        parser.multiTerms = 0;
        try {
            return parser.parse(query);
        } catch (ParseException e) {
            throw new InvalidQueryException(explain(e));
        } catch (org.apache.lucene.search.IndexSearcher.TooManyClauses e) {
            throw new InvalidQueryException("the query has too many terms");
        }
    }

    /** Turns the parser's multi-line message into one sentence. */
    private static String explain(ParseException wrapper) {
        Throwable cause = wrapper.getCause() != null ? wrapper.getCause() : wrapper;
        if (cause instanceof Refused refused) {
            return refused.getMessage();
        }
        if (cause instanceof ParseException pe && pe.currentToken != null) {
            Token next = pe.currentToken.next;
            if (next == null || next.kind == 0) {
                return "malformed query: it ends too early (after '" + pe.currentToken.image
                        + "'); close every quote and parenthesis and give each operator a term";
            }
            return "malformed query: unexpected '" + next.image + "' at column " + next.beginColumn
                    + "; put reserved characters ( ) [ ] { } : ^ ~ * ? \" \\ / + - ! && || inside quotes or escape them with \\";
        }
        String message = cause.getMessage() == null ? "" : cause.getMessage();
        if (cause instanceof TokenMgrError || message.contains("Lexical error")) {
            if (message.contains("<EOF>")) {
                return "malformed query: a quote is not closed, or the query ends with a backslash";
            }
            return "malformed query: an unexpected character; escape reserved characters with \\";
        }
        String first = message.lines().findFirst().orElse("malformed query");
        return first.startsWith("Cannot parse") ? "malformed query" : first;
    }

    /** A refusal of ours (as opposed to a syntax error), carried through the parser's exception wrapping. */
    private static final class Refused extends ParseException {
        Refused(String message) {
            super(message);
        }
    }

    private static final class Parser extends QueryParser {
        private final Function<String, List<String>> forms;
        int multiTerms;

        Parser(Analyzer analyzer, Function<String, List<String>> forms) {
            super(IndexSchema.TEXT, analyzer);
            this.forms = forms;
            setDefaultOperator(Operator.OR);
            setAllowLeadingWildcard(false);
            setAutoGeneratePhraseQueries(false);
            setSplitOnWhitespace(true);
        }

        private static String field(String name) throws ParseException {
            String field = FIELDS.get(name.toLowerCase(Locale.ROOT));
            if (field == null) {
                throw new Refused("unknown field '" + name + ":'; use section:, category:, attribute: or doc: (or escape the colon as \\:)");
            }
            return field;
        }

        @Override
        protected Query getFieldQuery(String name, String text, boolean quoted) throws ParseException {
            String field = field(name);
            if (field.equals(IndexSchema.CATEGORY)) {
                String id = text.trim().toLowerCase(Locale.ROOT);
                if (Category.byId(id).isEmpty()) {
                    throw new Refused("unknown category '" + text + "'; the categories are "
                            + Arrays.stream(Category.values()).map(Category::id).collect(Collectors.joining(", ")));
                }
                return new TermQuery(new Term(field, id));
            }
            if (field.equals(IndexSchema.DOC_ID) || field.equals(IndexSchema.ATTRIBUTE)) {
                return new TermQuery(new Term(field, text));
            }
            // Quoted text matches the words as written: the exact field is neither stemmed nor stop-filtered.
            return super.getFieldQuery(quoted ? patternField(field) : field, text, quoted);
        }

        /** A stem of the clause text becomes its indexed words, scored as one term (as a stemmed field would). */
        @Override
        protected Query newTermQuery(Term term, float boost) {
            if (!term.field().equals(IndexSchema.TEXT)) {
                return super.newTermQuery(term, boost);
            }
            List<String> words = forms.apply(term.text());
            Query q;
            if (words.isEmpty()) {
                q = new MatchNoDocsQuery("no indexed word has the stem " + term.text());
            } else if (words.size() == 1) {
                q = new TermQuery(new Term(IndexSchema.EXACT, words.get(0)));
            } else {
                SynonymQuery.Builder b = new SynonymQuery.Builder(IndexSchema.EXACT);
                words.forEach(w -> b.addTerm(new Term(IndexSchema.EXACT, w)));
                q = b.build();
            }
            return boost == 1f ? q : new BoostQuery(q, boost);
        }

        /** Phrases and patterns of the clause text match its words as written (the only indexed copy of the text). */
        private static String patternField(String field) {
            return field.equals(IndexSchema.TEXT) ? IndexSchema.EXACT : field;
        }

        private void multiTerm(String field, String term) throws ParseException {
            if (field.equals(IndexSchema.CATEGORY)) {
                throw new Refused("category: takes a taxonomy id, not a pattern");
            }
            if (++multiTerms > MAX_MULTI_TERMS) {
                throw new Refused("too many wildcard, fuzzy or range terms; at most " + MAX_MULTI_TERMS + " per query");
            }
        }

        private void literalPrefix(String term) throws ParseException {
            int literal = 0;
            while (literal < term.length() && term.charAt(literal) != '*' && term.charAt(literal) != '?') {
                literal++;
            }
            if (literal < MIN_PREFIX) {
                throw new Refused("wildcard term '" + term + "' is too broad; start it with at least " + MIN_PREFIX + " letters");
            }
        }

        @Override
        protected Query getWildcardQuery(String name, String term) throws ParseException {
            String field = field(name);
            multiTerm(field, term);
            literalPrefix(term);
            return super.getWildcardQuery(patternField(field), term);
        }

        @Override
        protected Query getPrefixQuery(String name, String term) throws ParseException {
            String field = field(name);
            multiTerm(field, term);
            literalPrefix(term);
            return super.getPrefixQuery(patternField(field), term);
        }

        @Override
        protected Query getFuzzyQuery(String name, String term, float similarity) throws ParseException {
            String field = field(name);
            multiTerm(field, term);
            if (term.length() < MIN_PREFIX) {
                throw new Refused("fuzzy term '" + term + "' is too short; use at least " + MIN_PREFIX + " letters");
            }
            return super.getFuzzyQuery(patternField(field), term, similarity);
        }

        @Override
        protected Query getRangeQuery(String name, String part1, String part2, boolean startInclusive,
                                      boolean endInclusive) throws ParseException {
            String field = field(name);
            multiTerm(field, part1 + ".." + part2);
            return super.getRangeQuery(patternField(field), part1, part2, startInclusive, endInclusive);
        }

        @Override
        protected Query getRegexpQuery(String name, String term) throws ParseException {
            throw new Refused("regular expressions (/.../) are not supported; quote or escape the slashes");
        }
    }
}
