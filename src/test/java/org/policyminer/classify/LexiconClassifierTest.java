package org.policyminer.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.policyminer.TextSamples;

/**
 * The classifier's filtered matching scores exactly as running every rule's regular expression does, on real
 * policy text (each block as a clause, the block before it as its lead-in, the last heading as its section).
 */
class LexiconClassifierTest {

    private record Rule(Category category, double weight, Pattern pattern) {
    }

    /** The rules of a lexicon file, read the plain way. */
    private static List<Rule> rules(String resource) throws IOException {
        List<Rule> rules = new ArrayList<>();
        try (var reader = new BufferedReader(new InputStreamReader(
                LexiconClassifier.class.getResourceAsStream(resource), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] f = line.split("\t");
                    rules.add(new Rule(Category.byId(f[0]).orElseThrow(), Double.parseDouble(f[1]),
                            Pattern.compile("(?i)" + f[2])));
                }
            }
        }
        return rules;
    }

    /** Noisy-OR of the weights of every rule whose pattern finds something, without any filter. */
    private static Map<Category, Double> reference(List<Rule> rules, String text, String section, String leadIn) {
        Map<Category, Double> miss = new EnumMap<>(Category.class);
        for (Rule r : rules) {
            double w = r.pattern.matcher(text).find() ? r.weight
                    : !leadIn.isEmpty() && r.pattern.matcher(leadIn).find() ? r.weight * 0.7
                    : !section.isEmpty() && r.pattern.matcher(section).find() ? r.weight * 0.6 : 0;
            if (w > 0) {
                miss.merge(r.category, 1 - w, (a, b) -> a * b);
            }
        }
        Map<Category, Double> scores = new EnumMap<>(Category.class);
        miss.forEach((c, m) -> scores.put(c, 1 - m));
        return scores;
    }

    @Test
    void filteredScoresEqualPlainRegularExpressionScores() throws IOException {
        List<String> blocks = TextSamples.blocks();
        for (String resource : List.of("lexicon.tsv", "gdpr-rights.tsv")) {
            LexiconClassifier classifier = LexiconClassifier.fromResource(resource);
            List<Rule> rules = rules(resource);
            int scored = 0;
            String section = "";
            for (int i = 0; i < blocks.size(); i++) {
                String text = blocks.get(i);
                String leadIn = i > 0 && blocks.get(i - 1).endsWith(":") ? blocks.get(i - 1) : "";
                Map<Category, Double> expected = reference(rules, text, section, leadIn);
                assertEquals(expected, classifier.scores(text, section, leadIn), resource + ": " + text);
                scored += expected.isEmpty() ? 0 : 1;
                if (text.length() < 60) {
                    section = text;
                }
            }
            assertTrue(scored > 20, resource + ": blocks with a score: " + scored);
        }
    }
}
