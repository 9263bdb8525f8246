package org.policyminer.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.policyminer.TextSamples;

/**
 * The lexicons' filtered matching finds exactly what plain regular-expression matching finds, on every block of
 * real policy text: {@link Lexicon#findAll} against the reference below (one alternation of all rows finds the
 * positions, every row is tried there), {@link Lexicon#matchesAnywhere} and {@link Lexicon#matchesExactly} against
 * the alternation itself.
 */
class LexiconTest {

    /** Every lexicon the extractor loads, as it loads them. */
    static Map<String, Lexicon> lexicons() {
        Map<String, Lexicon> all = new LinkedHashMap<>();
        all.put("data-types", Lexicon.load("data-types.tsv", 3, false));
        all.put("third-parties", Lexicon.load("third-parties.tsv", 3, false));
        all.put("brands", Lexicon.load("brands.tsv", 2, true));
        all.put("purposes", Lexicon.load("purposes.tsv", 3, false));
        all.put("retention", Lexicon.load("retention.tsv", 2, false));
        all.put("rights", Lexicon.load("rights.tsv", 3, false));
        all.put("legal-bases", Lexicon.load("legal-bases.tsv", 3, false));
        all.put("transfer-safeguards", Lexicon.load("transfer-safeguards.tsv", 2, false));
        all.put("contacts", Lexicon.load("contacts.tsv", 2, false));
        Map<String, List<String>> cues = new LinkedHashMap<>();
        for (String[] row : Lexicon.rows("cues.tsv", 2)) {
            cues.computeIfAbsent(row[0], k -> new ArrayList<>()).add(row[1]);
        }
        cues.forEach((name, patterns) ->
                all.put("cue " + name, Lexicon.ofPatterns(name, patterns, name.equals("legal-suffix"))));
        return all;
    }

    /** All rows in one alternation, compiled as the lexicon compiles a row. */
    private static Pattern alternation(Lexicon lexicon) {
        StringBuilder b = new StringBuilder();
        for (Lexicon.Entry e : lexicon.entries()) {
            b.append(b.isEmpty() ? "" : "|").append("(?:").append(e.regex()).append(')');
        }
        boolean caseSensitive = (lexicon.entries().get(0).pattern().flags() & Pattern.CASE_INSENSITIVE) == 0;
        return Lexicon.compile(b.toString(), caseSensitive);
    }

    /** The matching findAll replaced: the alternation finds candidate positions, each row is tried at each one. */
    private static List<Lexicon.Match> reference(Lexicon lexicon, Pattern any, String text) {
        List<Lexicon.Match> all = new ArrayList<>();
        Matcher candidates = any.matcher(text);
        int from = 0;
        while (from <= text.length() && candidates.find(from)) {
            int p = candidates.start();
            for (Lexicon.Entry e : lexicon.entries()) {
                Matcher m = e.pattern().matcher(text);
                m.useTransparentBounds(true).useAnchoringBounds(false).region(p, text.length());
                if (m.lookingAt() && m.end() > m.start()) {
                    all.add(new Lexicon.Match(e, m.start(), m.end()));
                }
            }
            from = p + 1;
        }
        return Lexicon.resolveOverlaps(all);
    }

    @Test
    void filteredMatchingFindsWhatTheRegularExpressionsFind() {
        List<String> texts = TextSamples.blocks();
        assertTrue(texts.size() > 500, "sample blocks: " + texts.size());
        // Each distinct word once, as written and lower-cased (the extractor asks about lower-cased tokens).
        Set<String> words = new LinkedHashSet<>();
        for (String text : texts) {
            for (String word : text.split("[\\s,;:()\"“”]+")) {
                words.add(word);
                words.add(word.toLowerCase(Locale.ROOT));
            }
        }
        int matched = 0;
        for (Map.Entry<String, Lexicon> l : lexicons().entrySet()) {
            Lexicon lexicon = l.getValue();
            Pattern any = alternation(lexicon);
            for (String text : texts) {
                List<Lexicon.Match> expected = reference(lexicon, any, text);
                assertEquals(expected, lexicon.findAll(text), l.getKey() + " in: " + text);
                assertEquals(any.matcher(text).find(), lexicon.matchesAnywhere(text), l.getKey() + " in: " + text);
                matched += expected.size();
            }
            for (String word : words) {
                assertEquals(any.matcher(word).matches(), lexicon.matchesExactly(word), l.getKey() + ": " + word);
            }
        }
        // The comparison means something only if the lexicons match often in the sample.
        assertTrue(matched > 5000, "matches in the sample: " + matched);
    }

    @Test
    void oneScanForSeveralLexiconsFindsWhatEachFindsAlone() {
        List<Lexicon> all = List.copyOf(lexicons().values());
        Lexicon.Scanner scanner = new Lexicon.Scanner(all);
        int matched = 0;
        for (String text : TextSamples.blocks()) {
            Lexicon.Scan scan = scanner.scan(text);
            for (Lexicon lexicon : all) {
                List<Lexicon.Match> alone = lexicon.findAll(text);
                assertEquals(alone, lexicon.findAll(scan), lexicon + " in: " + text);
                assertEquals(lexicon.matchesAnywhere(text), lexicon.matchesAnywhere(scan), lexicon + " in: " + text);
                matched += alone.size();
            }
        }
        assertTrue(matched > 5000, "matches in the sample: " + matched);
        Lexicon other = Lexicon.ofPatterns("other", List.of("other"), false);
        assertThrows(IllegalArgumentException.class, () -> other.findAll(scanner.scan("other")));
    }

    @Test
    void nearlyEveryRowHasALiteralFilter() {
        int rows = 0;
        int selective = 0;
        for (Lexicon l : lexicons().values()) {
            for (Lexicon.Entry e : l.entries()) {
                rows++;
                selective += e.filter().selective() ? 1 : 0;
            }
        }
        assertTrue(selective >= rows * 0.95, selective + " of " + rows + " rows have a filter");
    }
}
