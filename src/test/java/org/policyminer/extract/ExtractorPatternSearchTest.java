package org.policyminer.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.policyminer.text.LeadingChars;
import org.policyminer.text.LiteralFilter;

/**
 * The extractor's patterns tried only where their matches can start give what a plain search gives, on real
 * policy text: the searches of {@link LeadingChars#find}, the age rule's number gate, and the cue words ruled out by
 * their first characters.
 */
class ExtractorPatternSearchTest {

    private static List<String> texts() {
        return ExtractorFastPathTest.texts();
    }

    @Test
    void aSearchAtTheLeadingPositionsFindsWhatAPlainSearchFinds() {
        Extractor x = Extractor.rulesOnly();
        Map<Pattern, LeadingChars> searched = Map.of(Extractor.POSTAL, Extractor.POSTAL_LEAD, x.agePattern, x.ageLead,
                Durations.PERIOD, Durations.PERIOD_LEAD, Extractor.DEFINITION, Extractor.DEFINITION_LEAD,
                Extractor.SELF_DEFINITION, Extractor.SELF_DEFINITION_LEAD);
        List<String> texts = texts();
        for (Map.Entry<Pattern, LeadingChars> e : searched.entrySet()) {
            int found = 0;
            for (String text : texts) {
                List<List<Object>> expected = new ArrayList<>();
                Matcher plain = e.getKey().matcher(text);
                while (plain.find()) {
                    expected.add(List.of(plain.start(), plain.end(), groups(plain)));
                }
                List<List<Object>> actual = new ArrayList<>();
                Matcher fast = e.getKey().matcher(text);
                for (int from = 0; e.getValue().find(fast, text, from); from = fast.end()) {
                    actual.add(List.of(fast.start(), fast.end(), groups(fast)));
                }
                assertEquals(expected, actual, e.getKey() + " in: " + text);
                found += expected.size();
            }
            assertTrue(found > 0, e.getKey() + " never matches");
        }
    }

    private static List<String> groups(Matcher m) {
        List<String> out = new ArrayList<>();
        for (int g = 1; g <= m.groupCount(); g++) {
            out.add(String.valueOf(m.group(g)));
        }
        return out;
    }

    @Test
    void theAgeRuleSkipsOnlyTextsWithoutANumber() {
        Extractor x = Extractor.rulesOnly();
        int skipped = 0;
        int matched = 0;
        for (String text : texts()) {
            boolean matches = x.agePattern.matcher(text).find();
            boolean number = x.ageNumberFilter.mayMatch(LiteralFilter.lower(text)) || text.matches("(?s).*[0-9].*");
            if (!number) {
                assertFalse(matches, "skipped but matches: " + text);
                skipped++;
            }
            matched += matches ? 1 : 0;
        }
        assertTrue(matched > 10 && skipped > 100, matched + " matched, " + skipped + " skipped");
    }

    @Test
    void aWordRuledOutByItsFirstCharactersIsNoneOfTheLexiconsWords() {
        Set<String> words = new LinkedHashSet<>();
        for (String text : texts()) {
            for (String word : text.split("[\\s,;:()\"“”]+")) {
                if (!word.isEmpty()) {
                    words.add(word);
                }
            }
        }
        int ruledOut = 0;
        for (Lexicon lexicon : LexiconTest.lexicons().values()) {
            for (String word : words) {
                if (!lexicon.mayMatchWordAt(word, 0, false)) {
                    assertFalse(lexicon.matchesExactly(word), lexicon + ": " + word);
                    ruledOut++;
                }
                String lower = word.toLowerCase(Locale.ROOT);
                if (!lexicon.mayMatchWordAt(word, 0, true)) {
                    assertFalse(lexicon.matchesExactly(lower), lexicon + ": " + lower);
                }
                // A token is read inside its document: what stands around it changes nothing.
                if (lexicon.matchesExactly(word)) {
                    assertTrue(lexicon.mayMatchWordAt("(x" + word + "zq", 2, false), lexicon + ": " + word);
                }
            }
        }
        assertTrue(ruledOut > words.size(), "ruled out: " + ruledOut);
    }
}
