package org.policyminer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.policyminer.Fixtures;

/** End to end: the real CLI over the bundled corpus and over a folder of broken inputs. */
class AnnotateCommandTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static Path corpusOut;
    static int corpusExit;

    @BeforeAll
    static void annotateCorpus() {
        corpusOut = tmp.resolve("corpus-out");
        corpusExit = Main.execute("annotate", Fixtures.CORPUS.toString(), "--out", corpusOut.toString(), "--tokens");
    }

    static List<JsonNode> jsonLines(Path file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            out.add(JSON.readTree(line));
        }
        return out;
    }

    static List<CSVRecord> csv(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file)) {
            return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r).getRecords();
        }
    }

    @Test
    void corpusIsAnnotatedIntoCompleteConsistentFiles() throws IOException {
        assertEquals(0, corpusExit);
        try (Stream<Path> files = Files.list(corpusOut)) {
            assertEquals(Set.of("clauses.csv", "clauses.jsonl", "attributes.csv", "documents.csv", "documents.jsonl",
                            "errors.jsonl"),
                    files.map(p -> p.getFileName().toString()).collect(Collectors.toSet()));
        }
        List<JsonNode> clauses = jsonLines(corpusOut.resolve("clauses.jsonl"));
        List<CSVRecord> rows = csv(corpusOut.resolve("clauses.csv"));
        assertEquals(clauses.size(), rows.size());
        assertTrue(clauses.size() > 500, "clauses: " + clauses.size());
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(clauses.get(i).get("text").asText(), rows.get(i).get("text"));
            assertEquals(clauses.get(i).get("start").asInt(), Integer.parseInt(rows.get(i).get("start")));
        }
        List<CSVRecord> docs = csv(corpusOut.resolve("documents.csv"));
        assertEquals(5, docs.size());
        for (CSVRecord d : docs) {
            assertEquals("eng", d.get("language"));
            assertEquals("annotated", d.get("status"));
            long n = clauses.stream().filter(c -> c.get("doc_id").asText().equals(d.get("doc_id"))).count();
            assertEquals(n, Long.parseLong(d.get("clauses")));
        }
        Map<String, String> formats = new HashMap<>();
        docs.forEach(d -> formats.put(d.get("doc_id"), d.get("format")));
        assertEquals("html", formats.get("altoros-privacy-policy.txt"), "a whole HTML page named .txt");
        assertEquals("markdown", formats.get("artec3d-privacy-policy-2017.md"));
        assertEquals("text", formats.get("sappers-personal-data-policy.txt"));
        assertEquals(0, Files.size(corpusOut.resolve("errors.jsonl")));
        JsonNode withTokens = clauses.get(0);
        assertTrue(withTokens.get("tokens").size() > 0);
        assertTrue(withTokens.get("tokens").get(0).has("pos"));
    }

    @Test
    void altorosKeepsEveryNumberedSectionAndNoSiteFurniture() throws IOException {
        List<JsonNode> altoros = jsonLines(corpusOut.resolve("clauses.jsonl")).stream()
                .filter(c -> c.get("doc_id").asText().equals("altoros-privacy-policy.txt")).toList();
        Set<String> numbers = new java.util.TreeSet<>();
        Pattern number = Pattern.compile("^(\\d+(\\.\\d+)*)\\.?\\s");
        for (JsonNode c : altoros) {
            for (JsonNode title : c.get("section_path")) {
                Matcher m = number.matcher(title.asText());
                if (m.find()) {
                    numbers.add(m.group(1));
                }
            }
        }
        for (int i = 1; i <= 12; i++) {
            assertTrue(numbers.contains(String.valueOf(i)), "section " + i + " missing from " + numbers);
        }
        for (String sub : List.of("2.1", "2.2", "2.2.1", "2.2.2", "2.2.3", "2.3", "2.4", "2.5", "3.5", "6.4", "7.3")) {
            assertTrue(numbers.contains(sub), "section " + sub + " missing from " + numbers);
        }
        // Site menu entries and footer headings of the page, none of which belongs to the policy.
        List<String> furniture = List.of("Kubernetes Support", "View all services", "Press Kit", "Management Team",
                "Research Papers", "We Deliver", "Cloud Foundry Services", "See results", "Customers Speak",
                "All Resources", "Webinars");
        for (JsonNode c : altoros) {
            String text = c.get("text").asText() + " " + c.get("section").asText();
            for (String f : furniture) {
                assertFalse(text.contains(f), "menu or footer text '" + f + "' in clause: " + text);
            }
        }
        // The page holds the policy three times (mobile layout, desktop layout, a modal); it must come out once.
        long dpo = altoros.stream().filter(c -> c.get("text").asText().startsWith("Aleksey Lekontsev is our Data Protection Officer")).count();
        assertEquals(1, dpo);
    }

    @Test
    void unambiguousClausesGetTheirCategories() throws IOException {
        Map<String, JsonNode> byText = new HashMap<>();
        for (JsonNode c : jsonLines(corpusOut.resolve("clauses.jsonl"))) {
            byText.putIfAbsent(c.get("text").asText(), c);
        }
        assertCategory(byText, "do not knowingly collect", "children");
        assertCategory(byText, "no more than 5 (five) years", "retention");
        assertCategory(byText, "Standard Contractual Clauses", "international-transfer");
    }

    private static void assertCategory(Map<String, JsonNode> byText, String phrase, String category) {
        List<JsonNode> hits = byText.values().stream().filter(c -> c.get("text").asText().contains(phrase)).toList();
        assertFalse(hits.isEmpty(), "no clause mentions " + phrase);
        for (JsonNode c : hits) {
            List<String> cats = new ArrayList<>();
            c.get("categories").forEach(n -> cats.add(n.asText()));
            assertTrue(cats.contains(category), c.get("text").asText() + " -> " + cats);
            double score = c.get("scores").get(category).asDouble();
            assertTrue(score >= 0 && score <= 1);
        }
    }

    @Test
    void badInputsAreReportedAndTheRunCompletes() throws IOException {
        Path in = Files.createDirectories(tmp.resolve("bad-in"));
        Files.write(in.resolve("empty.html"), new byte[0]);
        Files.write(in.resolve("report.html"), "%PDF-1.4\n1 0 obj <<>> endobj".getBytes(StandardCharsets.ISO_8859_1));
        Files.write(in.resolve("image.txt"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0});
        Files.write(in.resolve("huge.html"), new byte[50 * 1024 * 1024]);
        Files.writeString(in.resolve("menu-only.html"), "<html><body><nav><a href=/>Home</a></nav></body></html>");
        Files.writeString(in.resolve("nested.html"), "<html><body>" + "<div>".repeat(50_000)
                + "<p>We do not sell your personal data to anyone.</p>" + "</div>".repeat(50_000) + "</body></html>");
        Files.write(in.resolve("russian.html"), ("<html><head><meta charset=windows-1251></head><body><p>"
                + Fixtures.RUSSIAN + "</p></body></html>").getBytes(Charset.forName("windows-1251")));
        Files.write(in.resolve("latin1.txt"), ("Privacy at our café\n\nWe collect your name and your e-mail address"
                + " when you order a crème brûlée from our shop in Zürich.").getBytes(StandardCharsets.ISO_8859_1));
        Path out = tmp.resolve("bad-out");
        int exit = Main.execute("annotate", in.toString(), in.resolve("missing.html").toString(), "--out", out.toString());
        assertEquals(Main.EXIT_SKIPPED, exit);

        Map<String, String> reasons = new HashMap<>();
        for (JsonNode e : jsonLines(out.resolve("errors.jsonl"))) {
            reasons.put(e.get("doc_id").asText(), e.get("reason").asText());
        }
        assertTrue(reasons.get("empty.html").contains("empty"), reasons.toString());
        assertTrue(reasons.get("report.html").contains("PDF"), reasons.toString());
        assertTrue(reasons.get("image.txt").contains("PNG"), reasons.toString());
        assertTrue(reasons.get("huge.html").contains("too large"), reasons.toString());
        assertTrue(reasons.get("menu-only.html").contains("no text"), reasons.toString());
        assertTrue(reasons.get("missing.html").contains("no such file"), reasons.toString());
        assertEquals(6, reasons.size(), reasons.toString());

        Map<String, CSVRecord> docs = new HashMap<>();
        csv(out.resolve("documents.csv")).forEach(d -> docs.put(d.get("doc_id"), d));
        assertEquals(Set.of("nested.html", "russian.html", "latin1.txt"), docs.keySet());
        assertEquals("not-english", docs.get("russian.html").get("status"));
        assertEquals("rus", docs.get("russian.html").get("language"));
        List<String> texts = jsonLines(out.resolve("clauses.jsonl")).stream().map(c -> c.get("text").asText()).toList();
        assertTrue(texts.contains("We do not sell your personal data to anyone."), texts.toString());
        assertTrue(texts.stream().anyMatch(t -> t.contains("crème brûlée from our shop in Zürich")), texts.toString());
    }

    @Test
    void refusesToOverwriteANonEmptyFolderWithoutForce() throws IOException {
        Path out = Files.createDirectories(tmp.resolve("busy"));
        Files.writeString(out.resolve("keep.txt"), "mine");
        assertEquals(2, Main.execute("annotate", Fixtures.CORPUS.resolve("sappers-personal-data-policy.txt").toString(),
                "--out", out.toString()));
        assertEquals("mine", Files.readString(out.resolve("keep.txt")));
        assertEquals(0, Main.execute("annotate", Fixtures.CORPUS.resolve("sappers-personal-data-policy.txt").toString(),
                "--out", out.toString(), "--force"));
        assertTrue(Files.size(out.resolve("clauses.csv")) > 1000);
    }

    @Test
    void readsStandardInput() throws IOException {
        InputStream saved = System.in;
        try {
            System.setIn(new ByteArrayInputStream(
                    "<html><body><h1>Policy</h1><p>We retain logs for 30 days.</p></body></html>".getBytes()));
            Path out = tmp.resolve("stdin-out");
            assertEquals(0, Main.execute("annotate", "-", "--out", out.toString()));
            List<JsonNode> clauses = jsonLines(out.resolve("clauses.jsonl"));
            assertEquals(1, clauses.size());
            assertEquals("stdin", clauses.get(0).get("doc_id").asText());
            assertEquals("Policy", clauses.get(0).get("section").asText());
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertEquals(2, Main.execute("annotate"));
        assertEquals(2, Main.execute("frobnicate"));
        assertEquals(0, Main.execute("annotate", "--help"));
    }
}
