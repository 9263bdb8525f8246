package org.policyminer.extract;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.policyminer.doc.AnnotatedDocument;
import org.policyminer.doc.Attribute;
import org.policyminer.doc.Clause;

/**
 * Span-level precision on our own annotations of the five seeds ({@code seed-gold.tsv}, written before the extractor
 * produced any output): a predicted retention period, age threshold or named third party is right when it overlaps a
 * gold span of the same type and its normalised value is exactly the gold value.
 */
class SeedGoldTest {

    private static final double GOAL = 0.85;

    record Gold(String doc, String type, String value, int start, int end) {
    }

    @Test
    void precisionOnSeedGoldIsAtLeastTheGoal() throws IOException {
        Map<String, AnnotatedDocument> docs = SeedCorpus.docs();
        List<Gold> gold = gold(docs);
        Extractor x = Extractor.bundled();
        Map<String, int[]> counts = new TreeMap<>();
        List<String> wrong = new ArrayList<>();
        for (AnnotatedDocument d : docs.values()) {
            for (Clause c : d.clauses()) {
                for (Attribute a : c.attributes()) {
                    if (!scored(a, x)) {
                        continue;
                    }
                    boolean right = gold.stream().anyMatch(g -> g.doc.equals(d.docId()) && g.type.equals(a.type())
                            && g.value.equals(a.value()) && a.start() < g.end && g.start < a.end());
                    counts.computeIfAbsent(a.type(), k -> new int[2])[right ? 0 : 1]++;
                    if (!right) {
                        wrong.add(d.docId() + ": " + a);
                    }
                }
            }
        }
        StringBuilder report = new StringBuilder();
        counts.forEach((type, n) -> report.append(String.format(java.util.Locale.ROOT, "%s precision %.3f (%d/%d); ",
                type, (double) n[0] / (n[0] + n[1]), n[0], n[0] + n[1])));
        System.out.println("seed gold: " + report + "wrong: " + wrong);
        assertTrue(counts.keySet().containsAll(List.of("age", "retention", "third-party")), report::toString);
        counts.forEach((type, n) -> assertTrue((double) n[0] / (n[0] + n[1]) >= GOAL,
                () -> type + " below " + GOAL + ": " + report + "\nwrong: " + wrong));
    }

    @Test
    void goldResolvesToTheCorpus() throws IOException {
        List<Gold> gold = gold(SeedCorpus.docs());
        Set<String> types = new HashSet<>();
        gold.forEach(g -> types.add(g.type));
        assertTrue(gold.size() > 250, "gold spans: " + gold.size());
        assertTrue(types.containsAll(List.of("age", "retention", "third-party")));
    }

    /** Only what the gold annotates: retention periods, numeric age thresholds and named third parties. */
    private static boolean scored(Attribute a, Extractor x) {
        return switch (a.type()) {
            case "retention" -> true;
            case "age" -> Character.isDigit(a.value().charAt(0));
            case "third-party" -> x.isNamedThirdParty(a.value());
            default -> false;
        };
    }

    /** Resolves the gold rows to spans: occurrences of the span text among each document's clauses, in order. */
    static List<Gold> gold(Map<String, AnnotatedDocument> docs) throws IOException {
        List<Gold> out = new ArrayList<>();
        try (var in = Objects.requireNonNull(SeedGoldTest.class.getResourceAsStream("seed-gold.tsv"));
             var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                AnnotatedDocument d = docs.get(f[0]);
                if (d == null) {
                    throw new IllegalStateException("seed-gold.tsv names an unknown document " + f[0]);
                }
                Pattern p = Pattern.compile("(?<![\\p{L}\\p{N}_])" + Pattern.quote(f[3]) + "(?![\\p{L}\\p{N}_])");
                List<int[]> hits = new ArrayList<>();
                for (Clause c : d.clauses()) {
                    Matcher m = p.matcher(c.text());
                    while (m.find()) {
                        hits.add(new int[] {c.start() + m.start(), c.start() + m.end()});
                    }
                }
                Set<Integer> wanted = occurrences(f[4], hits.size());
                if (hits.isEmpty() || wanted.stream().anyMatch(i -> i > hits.size())) {
                    throw new IllegalStateException("gold span not found as specified: " + line);
                }
                for (int i : wanted) {
                    int[] h = hits.get(i - 1);
                    out.add(new Gold(f[0], f[1], f[2], h[0], h[1]));
                }
            }
        }
        return out;
    }

    private static Set<Integer> occurrences(String spec, int n) {
        Set<Integer> s = new HashSet<>();
        if (spec.equals("*")) {
            for (int i = 1; i <= n; i++) {
                s.add(i);
            }
            return s;
        }
        for (String part : spec.split(",")) {
            String[] r = part.split("-");
            int from = Integer.parseInt(r[0]);
            int to = r.length > 1 ? Integer.parseInt(r[1]) : from;
            for (int i = from; i <= to; i++) {
                s.add(i);
            }
        }
        return s;
    }
}
