package org.policyminer.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LiteralFilterTest {

    @Test
    void requiresTheLongestLiteralOfASequence() {
        assertEquals("e-mail address | email address", LiteralFilter.of("e-?mail address").toString());
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
        assertFalse(f.mayMatch(LiteralFilter.lower("your e-mail address")));
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
}
