package org.policyminer.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.util.automaton.ByteRunAutomaton;
import org.policyminer.index.IndexSchema;

/**
 * Finds where a query's words and exact phrases occur in a clause text, by analysing the text again as the
 * index did ({@link IndexSchema#exactAnalyzer()}). It covers the queries people type most (words, which the
 * parser has expanded to their indexed forms, and quoted phrases) at a fraction of the cost of Lucene's
 * UnifiedHighlighter, which was a sixth of the time of a search; {@link #of} declines other queries (wildcards,
 * fuzzy terms, sloppy phrases), which go to the UnifiedHighlighter. Like it, a phrase is one match where all its
 * words occur in order, and words under NOT are not highlighted.
 */
final class WordHighlighter {

    /** Longest text prefix analysed, by this highlighter and by the UnifiedHighlighter it stands in for. */
    static final int MAX_LENGTH = 1 << 20;
    private static final Analyzer EXACT = IndexSchema.exactAnalyzer();

    private final Set<String> words;
    /** Each phrase's words with their positions relative to the first. */
    private final List<String[]> phraseTerms;
    private final List<int[]> phrasePositions;

    private WordHighlighter(Set<String> words, List<String[]> phraseTerms, List<int[]> phrasePositions) {
        this.words = words;
        this.phraseTerms = phraseTerms;
        this.phrasePositions = phrasePositions;
    }

    /** A highlighter for this query, or null when the query has parts only the UnifiedHighlighter handles. */
    static WordHighlighter of(Query query) {
        Set<String> words = new HashSet<>();
        List<String[]> phraseTerms = new ArrayList<>();
        List<int[]> phrasePositions = new ArrayList<>();
        boolean[] declined = {false};
        query.visit(new QueryVisitor() {
            @Override
            public QueryVisitor getSubVisitor(BooleanClause.Occur occur, Query parent) {
                return occur == BooleanClause.Occur.MUST_NOT ? QueryVisitor.EMPTY_VISITOR : this;
            }

            @Override
            public void consumeTerms(Query q, Term... terms) {
                if (terms.length == 0 || !terms[0].field().equals(IndexSchema.EXACT)) {
                    return; // section, category, policy and attribute terms are not in the clause text
                }
                if (q instanceof PhraseQuery p) {
                    if (p.getSlop() != 0) {
                        declined[0] = true;
                        return;
                    }
                    int[] positions = p.getPositions();
                    int[] relative = new int[positions.length];
                    String[] texts = new String[terms.length];
                    for (int i = 0; i < terms.length; i++) {
                        relative[i] = positions[i] - positions[0];
                        texts[i] = terms[i].text();
                    }
                    phraseTerms.add(texts);
                    phrasePositions.add(relative);
                } else if (q instanceof org.apache.lucene.search.TermQuery || q instanceof org.apache.lucene.search.SynonymQuery) {
                    for (Term t : terms) {
                        words.add(t.text());
                    }
                } else {
                    declined[0] = true;
                }
            }

            @Override
            public void consumeTermsMatching(Query q, String field, java.util.function.Supplier<ByteRunAutomaton> automaton) {
                declined[0] |= field.equals(IndexSchema.EXACT);
            }

            @Override
            public void visitLeaf(Query q) {
                declined[0] |= !(q instanceof MatchNoDocsQuery || q instanceof MatchAllDocsQuery);
            }
        });
        return declined[0] ? null : new WordHighlighter(words, phraseTerms, phrasePositions);
    }

    /** The matches in {@code text} as merged, ordered {@code [start, end]} character ranges. */
    List<int[]> spans(String text) {
        if (text == null || (words.isEmpty() && phraseTerms.isEmpty())) {
            return List.of();
        }
        List<String> terms = new ArrayList<>();
        List<int[]> tokens = new ArrayList<>(); // start, end, position
        try (TokenStream ts = EXACT.tokenStream(IndexSchema.EXACT, text.length() > MAX_LENGTH ? text.substring(0, MAX_LENGTH) : text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
            PositionIncrementAttribute increment = ts.addAttribute(PositionIncrementAttribute.class);
            ts.reset();
            int position = -1;
            while (ts.incrementToken()) {
                position += increment.getPositionIncrement();
                terms.add(term.toString());
                tokens.add(new int[]{offset.startOffset(), offset.endOffset(), position});
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // analysing a String reads no file
        }
        List<int[]> ranges = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            String t = terms.get(i);
            if (words.contains(t)) {
                ranges.add(new int[]{tokens.get(i)[0], tokens.get(i)[1]});
            }
            for (int p = 0; p < phraseTerms.size(); p++) {
                int end = phraseEnd(phraseTerms.get(p), phrasePositions.get(p), terms, tokens, i);
                if (end >= 0) {
                    ranges.add(new int[]{tokens.get(i)[0], end});
                }
            }
        }
        return merged(ranges);
    }

    /** {@code [start, end]} ranges in text order, overlapping ones joined and empty ones dropped; sorts its input. */
    static List<int[]> merged(List<int[]> ranges) {
        ranges.sort(Comparator.comparingInt(r -> r[0]));
        List<int[]> merged = new ArrayList<>(ranges.size());
        for (int[] r : ranges) {
            int[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && r[0] <= last[1]) {
                last[1] = Math.max(last[1], r[1]);
            } else if (r[1] > r[0]) {
                merged.add(r);
            }
        }
        return merged;
    }

    /** The end offset of the phrase when it occurs starting at token {@code first}, else -1. */
    private static int phraseEnd(String[] phrase, int[] relative, List<String> terms, List<int[]> tokens, int first) {
        if (!phrase[0].equals(terms.get(first))) {
            return -1;
        }
        int start = tokens.get(first)[2];
        int end = tokens.get(first)[1];
        int j = first;
        for (int k = 1; k < phrase.length; k++) {
            int wanted = start + relative[k];
            // Words at the same position are not produced by the exact analyzer; positions only grow.
            while (j < tokens.size() && tokens.get(j)[2] < wanted) {
                j++;
            }
            if (j >= tokens.size() || tokens.get(j)[2] != wanted || !phrase[k].equals(terms.get(j))) {
                return -1;
            }
            end = Math.max(end, tokens.get(j)[1]);
        }
        return end;
    }
}
