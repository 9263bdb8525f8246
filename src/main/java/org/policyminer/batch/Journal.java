package org.policyminer.batch;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * The record of what a run has committed, kept beside its partial output files: a header naming the run's
 * settings, then one line per finished document (its id, outcome, dedup key, clause count, and the output file
 * lengths once it was written). Output files are flushed before their document's line is written, so the last
 * complete line always describes a prefix of every file; a line cut by a kill is ignored and cut off on resume.
 */
final class Journal implements AutoCloseable {

    /** The journal's file name in the output folder. */
    static final String NAME = ".policyminer-run.journal";
    private static final String MAGIC = "policyminer-journal 1";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a committed document was. */
    enum Outcome { ANNOTATED, NOT_ENGLISH, DUPLICATE, ERROR }

    /** One committed document; {@code language} is that of its original for annotated documents and duplicates. */
    record Entry(long seq, String docId, Outcome outcome, String key, String language, int clauses, long[] lengths) {
    }

    /** The first document with a given dedup key. */
    record Original(String docId, String language) {
    }

    /** The state of an interrupted run, read back from its journal. */
    record State(String settings, List<String> docIds, Map<String, Original> originals, long[] lengths,
                 Map<Outcome, Integer> outcomes, long clauses) {
        long committed() {
            return docIds.size();
        }
    }

    private final FileChannel channel;
    private final Writer out;

    private Journal(FileChannel channel) {
        this.channel = channel;
        this.out = new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(channel), StandardCharsets.UTF_8));
    }

    static Path path(Path dir) {
        return dir.resolve(NAME);
    }

    /** Starts the journal of a new run, whose output files have the given initial lengths (their headers). */
    static Journal create(Path dir, String settings, long[] lengths) throws IOException {
        FileChannel ch = FileChannel.open(path(dir), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        Journal j = new Journal(ch);
        ArrayNode header = JSON.createArrayNode().add(MAGIC).add(settings);
        lengths(header.addArray(), lengths);
        j.line(header);
        return j;
    }

    /** Reads an interrupted run's journal, ignoring a last line cut short. */
    static State read(Path dir) throws IOException {
        byte[] bytes = Files.readAllBytes(path(dir));
        String text = new String(bytes, StandardCharsets.UTF_8);
        int complete = text.lastIndexOf('\n') + 1;
        String[] lines = text.substring(0, complete).split("\n");
        if (complete == 0 || lines.length == 0) {
            throw new IOException(path(dir) + " has no header: the run was killed before it started; start it afresh with --force");
        }
        JsonNode header = JSON.readTree(lines[0]);
        if (!header.isArray() || !MAGIC.equals(header.path(0).asText())) {
            throw new IOException(path(dir) + " is not a policyminer run journal");
        }
        String settings = header.path(1).asText();
        long[] lengths = lengths(header.path(2));
        List<String> ids = new ArrayList<>();
        Map<String, Original> originals = new HashMap<>();
        Map<Outcome, Integer> outcomes = new java.util.EnumMap<>(Outcome.class);
        long clauses = 0;
        for (int i = 1; i < lines.length; i++) {
            JsonNode e = JSON.readTree(lines[i]);
            if (e.path(0).asLong() != ids.size()) {
                throw new IOException(path(dir) + " line " + (i + 1) + " is out of sequence");
            }
            String docId = e.path(1).asText();
            Outcome outcome = Outcome.valueOf(e.path(2).asText());
            String key = e.path(3).isNull() ? null : e.path(3).asText();
            ids.add(docId);
            if (key != null && (outcome == Outcome.ANNOTATED || outcome == Outcome.NOT_ENGLISH)) {
                originals.putIfAbsent(key, new Original(docId, e.path(4).asText()));
            }
            outcomes.merge(outcome, 1, Integer::sum);
            clauses += e.path(5).asInt();
            lengths = lengths(e.path(6));
        }
        return new State(settings, ids, originals, lengths, outcomes, clauses);
    }

    /** Reopens an interrupted run's journal to append to it, cutting a last line left incomplete by a kill. */
    static Journal append(Path dir) throws IOException {
        byte[] bytes = Files.readAllBytes(path(dir));
        int complete = bytes.length;
        while (complete > 0 && bytes[complete - 1] != '\n') {
            complete--;
        }
        FileChannel ch = FileChannel.open(path(dir), StandardOpenOption.WRITE);
        ch.truncate(complete);
        ch.position(complete);
        return new Journal(ch);
    }

    /** Records a committed document; its output must already be flushed to the files. */
    void record(Entry e) throws IOException {
        ArrayNode line = JSON.createArrayNode().add(e.seq()).add(e.docId()).add(e.outcome().name());
        if (e.key() == null) {
            line.addNull();
        } else {
            line.add(e.key());
        }
        if (e.language() == null) {
            line.addNull();
        } else {
            line.add(e.language());
        }
        line.add(e.clauses());
        lengths(line.addArray(), e.lengths());
        line(line);
    }

    private void line(JsonNode node) throws IOException {
        out.write(JSON.writeValueAsString(node));
        out.write('\n');
        out.flush();
    }

    private static void lengths(ArrayNode array, long[] lengths) {
        for (long l : lengths) {
            array.add(l);
        }
    }

    private static long[] lengths(JsonNode array) throws IOException {
        if (!array.isArray()) {
            throw new IOException("journal line without file lengths");
        }
        long[] l = new long[array.size()];
        for (int i = 0; i < l.length; i++) {
            l[i] = array.get(i).asLong();
        }
        return l;
    }

    /** Deletes the journal of a finished (or abandoned) run. */
    static void delete(Path dir) throws IOException {
        Files.deleteIfExists(path(dir));
    }

    @Override
    public void close() throws IOException {
        out.close();
        channel.close();
    }
}
