package org.policyminer.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.junit.jupiter.api.Test;

class TextAnalysisTest {

    private static final List<String> TEXTS = List.of(
            "We retain your DATA for as long as necessary.",
            "The Company's partners’ cookies track you; e-mail us at privacy@acme.example!",
            "",
            "Ünïcode: Straße, naïve café — 13 years (thirteen).");

    /** Terms with their position increments, as {@code term/increment}. */
    private static List<String> tokens(Analyzer analyzer, String field, String text) throws IOException {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream(field, text)) {
            CharTermAttribute t = ts.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute p = ts.addAttribute(PositionIncrementAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(t + "/" + p.getPositionIncrement());
            }
            ts.end();
        }
        return out;
    }

    @Test
    void bothFieldsGetTheTermsOfTheirQueryAnalyzers() throws IOException {
        TextAnalysis shared = new TextAnalysis();
        Analyzer text = shared.text();
        Analyzer exact = shared.exact();
        for (String s : TEXTS) {
            // In indexing order: the text field first, then the exact field replays its tokens.
            assertEquals(tokens(new EnglishAnalyzer(), IndexSchema.TEXT, s), tokens(text, IndexSchema.TEXT, s), s);
            assertEquals(tokens(IndexSchema.exactAnalyzer(), IndexSchema.EXACT, s), tokens(exact, IndexSchema.EXACT, s), s);
        }
    }

    @Test
    void theExactFieldTokenisesForItselfWhenTheTextWasAnother() throws IOException {
        TextAnalysis shared = new TextAnalysis();
        tokens(shared.text(), IndexSchema.TEXT, TEXTS.get(0));
        String other = TEXTS.get(1);
        assertEquals(tokens(IndexSchema.exactAnalyzer(), IndexSchema.EXACT, other), tokens(shared.exact(), IndexSchema.EXACT, other));
        // And replays again once the texts agree.
        tokens(shared.text(), IndexSchema.TEXT, other);
        assertEquals(tokens(IndexSchema.exactAnalyzer(), IndexSchema.EXACT, other), tokens(shared.exact(), IndexSchema.EXACT, other));
    }
}
