package org.policyminer.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.junit.jupiter.api.Test;

class IndexAnalysisTest {

    private static final List<String> TEXTS = List.of(
            "We retain your DATA for as long as necessary.",
            "The Company's partners’ cookies track you; e-mail us at privacy@acme.example!",
            "",
            "Ünïcode: Straße, naïve café — 13 years (thirteen).",
            "Privacy Policy > Sharing > Do Not Track");

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
    void stemmingTheExactWordsOneByOneGivesTheEnglishTerms() throws IOException {
        // Bare query words are matched through this equivalence (see IndexSchema.EXACT).
        UnaryOperator<String> stemmer = IndexSchema.stemmer();
        for (String s : TEXTS) {
            List<String> english = tokens(new EnglishAnalyzer(), IndexSchema.TEXT, s).stream()
                    .map(t -> t.substring(0, t.lastIndexOf('/'))).toList();
            List<String> stemmed = tokens(IndexSchema.exactAnalyzer(), IndexSchema.EXACT, s).stream()
                    .map(t -> stemmer.apply(t.substring(0, t.lastIndexOf('/')))).filter(Objects::nonNull).toList();
            assertEquals(english, stemmed, s);
        }
    }

    @Test
    void repeatedValuesGetTheTermsOfTheWrappedAnalyzer() throws IOException {
        Analyzer repeat = new RepeatAnalyzer(new EnglishAnalyzer());
        // Each value twice in a row (replayed), then the list again (analysed anew after another value).
        for (int round = 0; round < 2; round++) {
            for (String s : TEXTS) {
                List<String> expected = tokens(new EnglishAnalyzer(), IndexSchema.SECTION, s);
                assertEquals(expected, tokens(repeat, IndexSchema.SECTION, s), s);
                assertEquals(expected, tokens(repeat, IndexSchema.SECTION, s), s);
            }
        }
    }
}
