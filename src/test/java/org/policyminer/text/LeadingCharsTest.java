package org.policyminer.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.policyminer.TextSamples;

/**
 * The leading characters of a pattern never rule out a position where it matches: checked against every position
 * of real policy text for the extractor's lexicon patterns, and on constructs the analysis reads or gives up on.
 */
class LeadingCharsTest {

    @Test
    void leadingStringsOfCommonConstructs() {
        assertEquals("e-m ema", of("e-?mail", Pattern.CASE_INSENSITIVE).toString());
        // Case-sensitive: only the case written.
        assertEquals("Fir Goo", sorted(of("Goo(?:gle)?|Firebase", 0)));
        // Look-arounds consume nothing; an optional part may be skipped; short whole matches are kept.
        assertEquals("a b cd", sorted(of("(?<![a-z])(?:a|b|cd(?=x))(?!y)", 0)));
        assertEquals("abc abd ac ad", sorted(of("a(?:bc?)?[cd]", 0)));
        assertEquals("(anywhere)", of("\\1?(a)", 0).toString());
        assertEquals("(anywhere)", of("\\w+ing", 0).toString());
        assertEquals("(anywhere)", of("(?i)abc", 0).toString());
        // Digits in a row would be a thousand strings of three: cut to two characters instead.
        LeadingChars digits = of("\\b\\d{1,5}\\s+\\p{Lu}", 0);
        assertFalse(digits.mayStartAt("x1y", 1));
        assertTrue(digits.mayStartAt("at 12 Main", 3));
        assertFalse(digits.mayStartAt("at 12 Main", 0));
        // A non-ASCII character always lets the pattern be tried.
        assertTrue(of("abc", 0).mayStartAt("é", 0));
    }

    private static LeadingChars of(String regex, int flags) {
        return LeadingChars.of(Pattern.compile(regex, flags));
    }

    private static String sorted(LeadingChars l) {
        List<String> parts = new ArrayList<>(List.of(l.toString().split(" ")));
        parts.sort(null);
        return String.join(" ", parts);
    }

    @Test
    void everyPositionWhereALexiconPatternMatchesIsLetThrough() throws IOException {
        List<Pattern> patterns = new ArrayList<>();
        for (String resource : List.of("data-types", "third-parties", "brands", "purposes", "retention", "rights",
                "legal-bases", "transfer-safeguards", "contacts", "cues")) {
            try (InputStream in = LeadingCharsTest.class.getResourceAsStream("/org/policyminer/extract/" + resource + ".tsv")) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    if (!line.isBlank() && !line.startsWith("#")) {
                        String[] f = line.split("\t");
                        // As the extractor compiles them: brands and legal suffixes are case-sensitive.
                        boolean caseSensitive = resource.equals("brands") || f[0].equals("legal-suffix");
                        patterns.add(Pattern.compile(f[f.length - 1], caseSensitive ? 0 : Pattern.CASE_INSENSITIVE));
                    }
                }
            }
        }
        int matches = 0;
        int skipped = 0;
        // Every fourth block: about 150,000 characters.
        List<String> texts = new ArrayList<>();
        for (int t = 0; t < TextSamples.blocks().size(); t += 4) {
            texts.add(TextSamples.blocks().get(t));
        }
        for (Pattern pattern : patterns) {
            LeadingChars lead = LeadingChars.of(pattern);
            for (String text : texts) {
                Matcher m = pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
                for (int p = 0; p < text.length(); p++) {
                    boolean let = lead.mayStartAt(text, p);
                    skipped += let ? 0 : 1;
                    m.region(p, text.length());
                    if (m.lookingAt() && m.end() > p) {
                        assertTrue(let, pattern + " matches at " + p + " of: " + text);
                        matches++;
                    }
                }
                // The search over the let-through positions finds what a plain search finds.
                Matcher plain = pattern.matcher(text);
                Matcher fast = pattern.matcher(text);
                int from = 0;
                while (from < text.length() && plain.find(from)) {
                    if (plain.end() == plain.start()) {
                        break;
                    }
                    assertTrue(lead.find(fast, text, from), pattern + " in: " + text);
                    assertEquals(plain.start(), fast.start(), pattern + " in: " + text);
                    assertEquals(plain.end(), fast.end(), pattern + " in: " + text);
                    from = plain.end();
                }
                if (from < text.length() && !plain.find(from)) {
                    assertFalse(lead.find(fast, text, from), pattern + " in: " + text);
                }
            }
        }
        assertTrue(matches > 1000, "matches: " + matches);
        assertTrue(skipped > matches * 100, "positions ruled out: " + skipped);
    }
}
