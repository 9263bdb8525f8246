package org.policyminer.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.policyminer.PolicyMiner;
import org.policyminer.doc.AnnotatedDocument;
import org.policyminer.doc.Clause;
import org.policyminer.ingest.Source;

/**
 * The writer streams JSON lines itself rather than through {@link ObjectMapper#writeValueAsString}; every line
 * must still be exactly what Jackson writes for the same value. Checked on a real policy, tokens and attributes
 * included: clause lines against Jackson writing the same maps, every line against Jackson writing it again once
 * read back.
 */
class AnnotationWriterTest {

    @Test
    void jsonLinesAreWhatJacksonWrites(@TempDir Path dir) throws Exception {
        PolicyMiner miner = PolicyMiner.builder().tokens(true).build();
        ObjectMapper jackson = new ObjectMapper();
        int lines = 0;
        StringBuilder all = new StringBuilder();
        try (Stream<Path> policies = Files.list(Path.of("src/test/resources/opp115-mini/sanitized_policies"))) {
            for (Path policy : policies.sorted().toList()) {
                AnnotatedDocument doc = miner.annotate(new Source(policy.getFileName() + " \"quoted\" \u00e9\u2028",
                        policy.toString(), Files.readAllBytes(policy), null));
                AnnotationWriter.Piece piece;
                StringBuilder expected = new StringBuilder();
                try (AnnotationWriter w = new AnnotationWriter(dir.resolve(policy.getFileName().toString()), true)) {
                    piece = w.render(doc, new AnnotationWriter.RunFacts("2025-01-01T00:00:00Z", null));
                    for (Clause c : doc.clauses()) {
                        expected.append(jackson.writeValueAsString(w.clauseJson(doc, c))).append('\n');
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
}
