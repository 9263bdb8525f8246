package org.policyminer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code index}, {@code annotate --index} and {@code search} end to end, on real seeds through the real pipeline. */
class SearchCommandsTest {

    @TempDir
    Path tmp;

    private record Run(int status, String out, String err) {
    }

    private static synchronized Run run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int status = Main.execute(args);
            return new Run(status, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void indexSearchAndReindex() throws Exception {
        Path corpus = tmp.resolve("corpus");
        Files.createDirectories(corpus);
        Files.copy(Path.of("corpus/artec3d-privacy-policy-2017.md"), corpus.resolve("artec3d.md"));
        Files.copy(Path.of("corpus/altoros-privacy-policy.txt"), corpus.resolve("altoros.txt"));
        Path index = tmp.resolve("index");

        Run first = run("index", corpus.toString(), "--index", index.toString());
        assertEquals(0, first.status(), first.err());
        assertTrue(first.err().contains("2 policies added"), first.err());

        Run json = run("search", "children", "--index", index.toString(), "--json", "--limit", "3");
        assertEquals(0, json.status(), json.err());
        JsonNode r = new ObjectMapper().readTree(json.out());
        assertTrue(r.get("total").asInt() > 0);
        JsonNode hit = r.get("hits").get(0);
        assertEquals("artec3d.md", hit.get("doc_id").asText(), "only the Artec3D policy has a section on children");
        assertTrue(hit.get("section").asText().contains("Children"), hit.toString());
        assertTrue(hit.get("highlight").asText().contains("<mark>children</mark>"), hit.toString());
        assertTrue(r.get("facets").get("category").has("children"), r.toString());

        Run text = run("search", "\"personal data\"", "--index", index.toString(), "--group-by", "doc");
        assertEquals(0, text.status(), text.err());
        assertTrue(text.out().contains("altoros.txt"), text.out());
        assertTrue(text.out().contains("**personal data**") || text.out().contains("**Personal Data**"), text.out());

        Run again = run("index", corpus.toString(), "--index", index.toString());
        assertEquals(0, again.status(), again.err());
        assertTrue(again.err().contains("0 policies added, 0 replaced, 2 unchanged"), again.err());

        Run delete = run("index", "--index", index.toString(), "--delete", "altoros.txt");
        assertEquals(0, delete.status(), delete.err());
        Run gone = run("search", "", "--index", index.toString(), "--doc", "altoros.txt", "--json");
        assertEquals(0, new ObjectMapper().readTree(gone.out()).get("total").asInt());

        Run malformed = run("search", "children AND (", "--index", index.toString());
        assertEquals(2, malformed.status());
        assertEquals(1, malformed.err().strip().lines().count(), malformed.err());
        assertTrue(malformed.err().startsWith("policyminer search: malformed query"), malformed.err());

        Run missing = run("search", "x", "--index", tmp.resolve("none").toString());
        assertEquals(1, missing.status());
        assertTrue(missing.err().contains("no index at"), missing.err());
    }

    @Test
    void annotateWritesFilesAndIndexInOnePass() throws Exception {
        Path corpus = tmp.resolve("in");
        Files.createDirectories(corpus);
        Files.copy(Path.of("corpus/artec3d-privacy-policy-2017.md"), corpus.resolve("artec3d.md"));
        Path out = tmp.resolve("out");
        Path index = tmp.resolve("index");
        Run run = run("annotate", corpus.toString(), "--out", out.toString(), "--index", index.toString());
        assertEquals(0, run.status(), run.err());
        assertTrue(Files.exists(out.resolve("clauses.csv")));
        long clauses = Files.readAllLines(out.resolve("clauses.jsonl")).size();
        Run all = run("search", "", "--index", index.toString(), "--json", "--limit", "0");
        assertEquals(clauses, new ObjectMapper().readTree(all.out()).get("total").asLong());
    }
}
