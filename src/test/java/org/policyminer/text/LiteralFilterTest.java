package org.policyminer.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.policyminer.TextSamples;

class LiteralFilterTest {

    @Test
    void requiresTheLongestLiteralOfASequence() {
        assertEquals("e-mail address | email address", LiteralFilter.of("e-?mail address").toString());
        // Any run of literals may be the requirement, not only the whole sequence.
        assertEquals(" days notice |  day notice", LiteralFilter.of("\\d+ days? notice").toString());
        assertEquals("e-mail | email", LiteralFilter.of("e-?mail").toString());
        assertEquals("collect", LiteralFilter.of("\\bcollect\\w*\\s+").toString());
        LiteralFilter f = LiteralFilter.of("\\b(we|us|our \\w+)\\s+(may\\s+)?(collect|gather|store)s?\\b");
        assertEquals("collect | gather | store", f.toString());
    }

    @Test
    void multipliesOutSmallAlternatives() {
        assertEquals("third-party | third-parties | third party | third parties",
                LiteralFilter.of("third[- ]part(y|ies)").toString());
        assertEquals("analys | analyz", LiteralFilter.of("analy[sz]\\w*").toString());
        assertFalse(LiteralFilter.of("[^a]bc[\\w]").toString().contains("abc"));
    }

    @Test
    void rulesOutTextsWithoutTheLiteralsAndCaseIsIgnored() {
        LiteralFilter f = LiteralFilter.of("(?:postal|mailing) address(?:es)?");
        assertTrue(f.mayMatch(LiteralFilter.lower("Your POSTAL Address")));
        assertEquals("postal address | mailing address", f.toString());
        assertFalse(f.mayMatch(LiteralFilter.lower("your e-mail")));
    }

    @Test
    void passesEverythingWhereThePatternIsNotUnderstoodOrRequiresNothing() {
        for (String re : new String[] {"(?x) a b", "\\Qabc\\E", "a*", "(?:abc)?", "[^.]{0,60}", "\\w+", "(?u)abc",
                "abc|\\d+", "\\x41bc", "(unclosed"}) {
            LiteralFilter f = LiteralFilter.of(re);
            assertFalse(f.selective(), re);
            assertTrue(f.mayMatch("zzz"), re);
        }
    }

    @Test
    void lookAroundsRequireNothingAndNonAsciiLettersAreLeftOut() {
        assertEquals("name", LiteralFilter.of("names?(?=\\s*(?:,|and))").toString());
        assertEquals(" mark", LiteralFilter.of("é mark").toString());
        assertEquals("Ünïcode stays, ascii lowered", LiteralFilter.lower("Ünïcode stays, ASCII lowered"));
    }

    @Test
    void aSetOfFiltersAnswersAsEachFilterDoes() throws IOException {
        List<LiteralFilter> filters = new ArrayList<>();
        for (String resource : List.of("/org/policyminer/classify/lexicon.tsv",
                "/org/policyminer/extract/third-parties.tsv", "/org/policyminer/extract/brands.tsv")) {
            try (InputStream in = LiteralFilterTest.class.getResourceAsStream(resource)) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    if (!line.isBlank() && !line.startsWith("#")) {
                        String[] f = line.split("\t");
                        filters.add(LiteralFilter.of(f[f.length - 1]));
                    }
                }
            }
        }
        filters.add(LiteralFilter.of("\\w+"));
        LiteralSet set = new LiteralSet(filters);
        int passed = 0;
        for (String text : TextSamples.blocks()) {
            String lower = LiteralFilter.lower(text);
            BitSet expected = new BitSet();
            for (int i = 0; i < filters.size(); i++) {
                expected.set(i, filters.get(i).mayMatch(lower));
            }
            assertEquals(expected, set.candidates(text), text);
            assertEquals(expected, set.candidates(lower), text);
            passed += expected.cardinality();
        }
        assertTrue(passed > TextSamples.blocks().size() * 2, "filters passed: " + passed);
    }
}
