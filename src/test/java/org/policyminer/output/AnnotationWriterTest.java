package org.policyminer.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.policyminer.PolicyMiner;
import org.policyminer.doc.AnnotatedDocument;
import org.policyminer.doc.Attribute;
import org.policyminer.doc.Clause;
import org.policyminer.doc.Token;
import org.policyminer.ingest.Source;

/**
 * The writer writes JSON lines itself rather than through {@link ObjectMapper#writeValueAsString}; every line
 * must still be exactly what Jackson writes for the same value. Checked on real policies, tokens and attributes
 * included: clause lines against Jackson writing the clause as ordered maps ({@link #clauseJson}, the plain
 * computation), every line against Jackson writing it again once read back.
 */
class AnnotationWriterTest {

    /** One pipeline for both tests: loading the models is most of their time. */
    private static final PolicyMiner MINER = PolicyMiner.builder().tokens(true).build();

    @Test
    void jsonLinesAreWhatJacksonWrites(@TempDir Path dir) throws Exception {
        ObjectMapper jackson = new ObjectMapper();
        int lines = 0;
        StringBuilder all = new StringBuilder();
        try (Stream<Path> policies = Files.list(Path.of("src/test/resources/opp115-mini/sanitized_policies"))) {
            for (Path policy : policies.sorted().toList()) {
                AnnotatedDocument doc = MINER.annotate(new Source(policy.getFileName() + " \"quoted\" \u00e9\u2028",
                        policy.toString(), Files.readAllBytes(policy), null));
                AnnotationWriter.Piece piece;
                StringBuilder expected = new StringBuilder();
                try (AnnotationWriter w = new AnnotationWriter(dir.resolve(policy.getFileName().toString()), true)) {
                    piece = w.render(doc, new AnnotationWriter.RunFacts("2025-01-01T00:00:00Z", null));
                    for (Clause c : doc.clauses()) {
                        expected.append(jackson.writeValueAsString(clauseJson(doc, c))).append('\n');
                    }
                }
                assertEquals(expected.toString(), piece.parts().get(1));
                for (int part : new int[] {1, 4}) {
                    String text = piece.parts().get(part);
                    assertTrue(text.endsWith("\n"), AnnotationWriter.FILES.get(part));
                    for (String line : text.split("\n")) {
                        Object value = jackson.readValue(line, LinkedHashMap.class);
                        assertEquals(jackson.writeValueAsString(value), line);
                        lines++;
                    }
                }
                all.append(piece.parts().get(1));
            }
        }
        assertTrue(lines > 30 && all.indexOf("\"tokens\":[{\"start\"") >= 0, "lines: " + lines);
        assertTrue(all.indexOf("\"attributes\":[{") >= 0, "attributes rendered");
        String error = AnnotationWriter.renderError("d\u0001", "s", "why \"not\"").parts().get(5);
        assertEquals(jackson.writeValueAsString(jackson.readValue(error, LinkedHashMap.class)) + "\n", error);
    }

    /** Score ids outside the taxonomy come after its own ids, by name, with or without taxonomy ids beside them. */
    @Test
    void scoresOutsideTheTaxonomyAreWrittenAsTheOrderedMap(@TempDir Path dir) throws Exception {
        Path policy;
        try (Stream<Path> policies = Files.list(Path.of("src/test/resources/opp115-mini/sanitized_policies"))) {
            policy = policies.sorted().findFirst().orElseThrow();
        }
        AnnotatedDocument doc = MINER.annotate(Source.ofText("p.html", Files.readString(policy)));
        List<Map<String, Double>> variants = List.of(Map.of("zeta", 0.5, "alpha", 0.25),
                Map.of("sharing", 0.125, "zeta", 0.5, "data-collected", 0.75, "beta", 1e-5), Map.of());
        List<Clause> clauses = new ArrayList<>();
        for (Clause c : doc.clauses()) {
            clauses.add(c.withCategories(variants.get(c.id() % variants.size()), List.of()));
        }
        AnnotatedDocument changed = new AnnotatedDocument(doc.docId(), doc.source(), doc.title(), doc.format(),
                doc.charset(), doc.language(), doc.contentHash(), doc.status(), doc.text(), doc.blocks(),
                doc.sections(), clauses);
        ObjectMapper jackson = new ObjectMapper();
        StringBuilder expected = new StringBuilder();
        for (Clause c : clauses) {
            expected.append(jackson.writeValueAsString(clauseJson(changed, c))).append('\n');
        }
        try (AnnotationWriter w = new AnnotationWriter(dir, true)) {
            assertEquals(expected.toString(), w.render(changed, AnnotationWriter.RunFacts.NONE).parts().get(1));
        }
    }

    /** A clause's line of {@code clauses.jsonl} as ordered maps, lists and values, for Jackson to write. */
    static Map<String, Object> clauseJson(AnnotatedDocument doc, Clause c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("doc_id", doc.docId());
        m.put("clause_id", c.id());
        m.put("section", String.join(" > ", c.sectionPath()));
        m.put("section_path", c.sectionPath());
        m.put("start", c.start());
        m.put("end", c.end());
        m.put("text", c.text());
        m.put("kind", c.kind().name().toLowerCase(Locale.ROOT));
        m.put("lead_in", c.leadInId() >= 0 ? c.leadInId() : null);
        m.put("lead_in_text", c.leadInId() >= 0 ? doc.clauses().get(c.leadInId()).text() : null);
        m.put("categories", c.categories());
        m.put("score", Math.round(c.topScore() * 1e4) / 1e4);
        m.put("scores", AnnotationWriter.orderedScores(c.scores()));
        m.put("polarity", c.polarity() == null ? null : c.polarity().label());
        m.put("modality", c.modality().label());
        List<Map<String, Object>> attributes = new ArrayList<>();
        for (Attribute a : c.attributes()) {
            Map<String, Object> am = new LinkedHashMap<>();
            am.put("type", a.type());
            am.put("value", a.value());
            am.put("start", a.start());
            am.put("end", a.end());
            am.put("text", a.text());
            attributes.add(am);
        }
        m.put("attributes", attributes);
        List<Map<String, Object>> tokens = new ArrayList<>();
        for (Token t : c.tokens()) {
            Map<String, Object> tm = new LinkedHashMap<>();
            tm.put("start", t.start());
            tm.put("end", t.end());
            tm.put("text", doc.text().substring(t.start(), t.end()));
            tm.put("pos", t.pos());
            tokens.add(tm);
        }
        m.put("tokens", tokens);
        return m;
    }
}
