package org.policyminer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train, eval, classify and split end to end on the four-policy OPP-115 fixture. */
class ClassifierCommandsTest {

    @TempDir
    static Path dir;
    static Path corpus;
    static Path model;

    record Run(int status, String out, String err) {
    }

    static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int status = Main.execute(args);
            return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @BeforeAll
    static void train() throws Exception {
        corpus = Path.of(ClassifierCommandsTest.class.getResource("/opp115-mini/annotations").toURI()).getParent();
        model = dir.resolve("mini.model");
        Run r = run("train", "--data", corpus.toString(), "--format", "opp115", "--out", model.toString(), "--seed", "5");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.err().contains("4 policies"), r.err());
        assertTrue(Files.size(model) > 0);
    }

    @Test
    void evalJsonHasSegmentsAndSentences() throws Exception {
        Run r = run("eval", "--data", corpus.toString(), "--format", "opp115", "--model", model.toString(), "--json");
        assertEquals(0, r.status(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals(Set.of("segments", "sentences"), Set.copyOf(List.copyOf(iterable(json.fieldNames()))));
        JsonNode seg = json.get("segments");
        assertTrue(seg.get("units").asInt() > 10);
        assertEquals(12, seg.get("labels").size());
        assertTrue(seg.get("labels").has("Privacy contact information"));
        for (String k : List.of("precision", "recall", "f1")) {
            double v = seg.get("micro").get(k).asDouble();
            assertTrue(v > 0.5 && v <= 1, k + " " + v + " on its own training data");
        }
        assertTrue(seg.get("labels").get("User Choice/Control").has("support"));
    }

    @Test
    void crossValidationScoresEveryUnitOnce() throws Exception {
        Run r = run("eval", "--data", corpus.toString(), "--format", "opp115", "--cv", "2", "--json");
        assertEquals(0, r.status(), r.err());
        JsonNode cv = new ObjectMapper().readTree(r.out());
        Run self = run("eval", "--data", corpus.toString(), "--format", "opp115", "--model", model.toString(), "--json");
        JsonNode all = new ObjectMapper().readTree(self.out());
        for (String level : List.of("segments", "sentences")) {
            assertEquals(all.get(level).get("units").asInt(), cv.get(level).get("units").asInt(), level);
            int support = 0;
            for (JsonNode label : cv.get(level).get("labels")) {
                support += label.get("support").asInt();
            }
            assertTrue(support > 0, level + " gold labels are scored");
        }
        Run bad = run("eval", "--data", corpus.toString(), "--format", "opp115", "--cv", "2", "--model", model.toString());
        assertEquals(2, bad.status(), "--cv trains its own models");
    }

    @Test
    void csvTrainEvalAndSplitRoundTrip() throws Exception {
        Path train = dir.resolve("train.csv");
        Path test = dir.resolve("test.csv");
        Run s = run("split", "--data", corpus.toString(), "--train", train.toString(), "--test", test.toString(), "--seed", "2");
        assertEquals(0, s.status(), s.err());
        Files.writeString(train, "#NAME?,Data Security\n", java.nio.file.StandardOpenOption.APPEND);
        Path csvModel = dir.resolve("csv.model");
        Run t = run("train", "--data", train.toString(), "--format", "csv", "--out", csvModel.toString());
        assertEquals(0, t.status(), t.err());
        assertTrue(t.err().contains("skipped 1 junk row"), t.err());
        Run e = run("eval", "--data", test.toString(), "--format", "csv", "--model", csvModel.toString(), "--json");
        assertEquals(0, e.status(), e.err());
        JsonNode json = new ObjectMapper().readTree(e.out());
        assertTrue(json.has("micro") && json.has("macro") && json.has("labels") && json.has("units"), e.out());
    }

    @Test
    void classifyCsvAndJsonl() throws Exception {
        Path csv = dir.resolve("units.csv");
        Files.writeString(csv, "id,text\n1,\"To opt out of our emails, click unsubscribe. We never sell your data.\"\n"
                + "2,Our services are not directed to children under 13.\n");
        Path out = dir.resolve("out.jsonl");
        Run r = run("classify", "--input", csv.toString(), "--out", out.toString(), "--model", model.toString());
        assertEquals(0, r.status(), r.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals(2, lines.size());
        JsonNode first = new ObjectMapper().readTree(lines.get(0));
        assertEquals("1", first.get("id").asText());
        assertTrue(first.get("scores").size() >= 12);
        first.get("scores").forEach(v -> assertTrue(v.asDouble() >= 0 && v.asDouble() <= 1));
        JsonNode second = new ObjectMapper().readTree(lines.get(1));
        assertTrue(second.get("scores").has("children"));

        Path jsonl = dir.resolve("units.jsonl");
        Files.writeString(jsonl, "{\"id\": 7, \"text\": \"We may update this policy from time to time.\", \"section\": \"Changes\"}\n");
        Path out2 = dir.resolve("out2.jsonl");
        Run j = run("classify", "--input", jsonl.toString(), "--out", out2.toString(), "--model", model.toString());
        assertEquals(0, j.status(), j.err());
        assertEquals(7, new ObjectMapper().readTree(Files.readAllLines(out2).get(0)).get("id").asInt());
    }

    @Test
    void badInputIsAClearError() {
        Run r = run("train", "--data", dir.resolve("missing").toString(), "--format", "opp115", "--out", dir.resolve("x.model").toString());
        assertEquals(1, r.status());
        assertTrue(r.err().contains("no such file or folder"), r.err());
        Run f = run("train", "--data", corpus.toString(), "--format", "xml", "--out", dir.resolve("x.model").toString());
        assertEquals(2, f.status());
        Run m = run("eval", "--data", corpus.toString(), "--format", "opp115", "--model", corpus.resolve("README.md").toString());
        assertEquals(1, m.status());
        assertTrue(m.err().contains("cannot read model"), m.err());
    }

    private static <T> List<T> iterable(java.util.Iterator<T> it) {
        List<T> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
