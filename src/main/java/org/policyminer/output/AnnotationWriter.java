package org.policyminer.output;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.policyminer.classify.Category;
import org.policyminer.doc.AnnotatedDocument;
import org.policyminer.doc.Attribute;
import org.policyminer.doc.Clause;
import org.policyminer.doc.Token;
import org.policyminer.extract.DocumentSummary;

/**
 * Writes a run's annotations into an output folder, one document at a time: {@code clauses.csv},
 * {@code clauses.jsonl}, {@code attributes.csv}, {@code documents.csv}, {@code documents.jsonl} and
 * {@code errors.jsonl}. Files appear
 * under their final names only on {@link #commit()}; until then they are {@code *.partial}.
 *
 * <p>Writing is split in two so that a parallel run stays fast and deterministic: {@link #render} turns one
 * document into its piece of every file (thread-safe, done by the workers), {@link #append} adds pieces in input
 * order (one thread). {@link #flush()} returns the file lengths, which a run records as a checkpoint and
 * {@link #resume} cuts the files back to.
 */
public final class AnnotationWriter implements AutoCloseable {

    /** Columns of {@code clauses.csv}. */
    public static final List<String> CLAUSE_COLUMNS = List.of("doc_id", "clause_id", "section", "start", "end", "text",
            "categories", "score", "kind", "lead_in");
    private static final List<String> DOCUMENT_COLUMNS = List.of("doc_id", "source", "title", "format", "charset",
            "language", "status", "content_hash", "sections", "clauses", "fetched", "duplicate_of");
    /** Columns of {@code attributes.csv}: one row per extracted attribute. */
    public static final List<String> ATTRIBUTE_COLUMNS = List.of("doc_id", "clause_id", "type", "value", "start", "end",
            "text");
    /** Per-document attribute columns of {@code documents.csv}, after the category counts. */
    public static final List<String> SUMMARY_COLUMNS = List.of("data_types", "third_parties", "recipients", "purposes",
            "user_rights", "retention_shortest", "retention_longest", "min_age");

    /** The output files, in the order of {@link Piece#parts()} and of checkpoint lengths. */
    public static final List<String> FILES = List.of("clauses.csv", "clauses.jsonl", "attributes.csv",
            "documents.csv", "documents.jsonl", "errors.jsonl");
    private static final int CLAUSES_CSV = 0;
    private static final int ATTRIBUTES_CSV = 2;
    private static final int DOCUMENTS_CSV = 3;

    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    private static final CSVFormat CSV = CSVFormat.RFC4180;

    /**
     * What one document adds to each output file, rendered and ready to append.
     *
     * @param parts text per file, in the order of {@link #FILES}
     */
    public record Piece(List<String> parts) {
        public Piece {
            parts = List.copyOf(parts);
        }
    }

    /**
     * Facts about a document that come from the run rather than from its content.
     *
     * @param fetched     when a crawler fetched the page (ISO-8601), or {@code null}
     * @param duplicateOf the id of an earlier document with the same clean text, or {@code null}
     */
    public record RunFacts(String fetched, String duplicateOf) {
        /** Nothing known: a local file, not a duplicate. */
        public static final RunFacts NONE = new RunFacts(null, null);
    }

    private final boolean withTokens;
    private final List<AtomicFile> files = new ArrayList<>();

    /**
     * Opens the output files in {@code dir} (created if needed), empty but for the CSV headers.
     *
     * @param withTokens whether {@code clauses.jsonl} carries tokens with POS tags
     */
    public AnnotationWriter(Path dir, boolean withTokens) throws IOException {
        this(dir, withTokens, null);
    }

    private AnnotationWriter(Path dir, boolean withTokens, long[] keep) throws IOException {
        Files.createDirectories(dir);
        this.withTokens = withTokens;
        for (int i = 0; i < FILES.size(); i++) {
            Path path = dir.resolve(FILES.get(i));
            files.add(keep == null ? new AtomicFile(path) : AtomicFile.resume(path, keep[i]));
        }
        if (keep == null) {
            files.get(CLAUSES_CSV).writer().write(csvLine(CLAUSE_COLUMNS));
            files.get(ATTRIBUTES_CSV).writer().write(csvLine(ATTRIBUTE_COLUMNS));
            files.get(DOCUMENTS_CSV).writer().write(csvLine(documentColumns()));
        }
    }

    /**
     * Reopens the partial files of an interrupted run, cut back to the lengths of its last checkpoint.
     *
     * @param lengths file lengths as returned by {@link #flush()}, in the order of {@link #FILES}
     */
    public static AnnotationWriter resume(Path dir, boolean withTokens, long[] lengths) throws IOException {
        if (lengths.length != FILES.size()) {
            throw new IllegalArgumentException("expected " + FILES.size() + " lengths, got " + lengths.length);
        }
        return new AnnotationWriter(dir, withTokens, lengths.clone());
    }

    /** The columns of {@code documents.csv}: document facts, one clause count per category, extracted attributes. */
    public static List<String> documentColumns() {
        List<String> columns = new ArrayList<>(DOCUMENT_COLUMNS);
        for (Category c : Category.values()) {
            columns.add(c.id());
        }
        columns.addAll(SUMMARY_COLUMNS);
        return columns;
    }

    /** Appends one annotated document: its clauses and its row in the documents table. */
    public void write(AnnotatedDocument doc) throws IOException {
        append(render(doc, RunFacts.NONE));
    }

    /** Records an input that was skipped, and why. */
    public void error(String docId, String source, String reason) throws IOException {
        append(renderError(docId, source, reason));
    }

    /**
     * Renders one document's clauses and documents row. A duplicate ({@code facts.duplicateOf() != null}) gets
     * its documents row only, with status {@code duplicate} and no clauses. Thread-safe.
     */
    public Piece render(AnnotatedDocument doc, RunFacts facts) throws IOException {
        boolean duplicate = facts.duplicateOf() != null;
        StringBuilder clausesCsv = new StringBuilder();
        StringBuilder clausesJsonl = new StringBuilder(duplicate ? 16 : jsonlCapacity(doc));
        StringBuilder attributesCsv = new StringBuilder();
        if (!duplicate) {
            try (CSVPrinter csv = new CSVPrinter(clausesCsv, CSV); CSVPrinter attrs = new CSVPrinter(attributesCsv, CSV)) {
                for (Clause c : doc.clauses()) {
                    double top = c.topScore();
                    String section = String.join(" > ", c.sectionPath());
                    String kind = c.kind().name().toLowerCase(java.util.Locale.ROOT);
                    record(csv, doc.docId(), c.id(), section, c.start(), c.end(), c.text(),
                            String.join(";", c.categories()), String.format(java.util.Locale.ROOT, "%.4f", top), kind,
                            c.leadInId() >= 0 ? c.leadInId() : "");
                    clauseLine(clausesJsonl, doc, c, section, kind, top);
                    for (Attribute a : c.attributes()) {
                        record(attrs, doc.docId(), c.id(), a.type(), a.value(), a.start(), a.end(), a.text());
                    }
                }
            }
        }
        Map<String, Integer> counts = duplicate ? zeroCounts() : categoryCounts(doc);
        String status = duplicate ? "duplicate" : doc.status().label();
        int clauses = duplicate ? 0 : doc.clauses().size();
        List<Object> row = new ArrayList<>(List.of(doc.docId(), doc.source(), nullToEmpty(doc.title()), doc.format(),
                doc.charset(), doc.language(), status, doc.contentHash(), doc.sections().size(), clauses,
                nullToEmpty(facts.fetched()), nullToEmpty(facts.duplicateOf())));
        row.addAll(counts.values());
        DocumentSummary summary = DocumentSummary.of(duplicate ? List.of() : doc.clauses());
        row.addAll(List.of(DocumentSummary.join(summary.dataTypes()), DocumentSummary.join(summary.thirdParties()),
                DocumentSummary.join(summary.recipients()), DocumentSummary.join(summary.purposes()),
                DocumentSummary.join(summary.rights()), nullToEmpty(summary.retentionShortest()),
                nullToEmpty(summary.retentionLongest()), summary.minimumAge() == null ? "" : summary.minimumAge()));
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("doc_id", doc.docId());
        d.put("source", doc.source());
        d.put("title", doc.title());
        d.put("format", doc.format());
        d.put("charset", doc.charset());
        d.put("language", doc.language());
        d.put("status", status);
        d.put("content_hash", doc.contentHash());
        d.put("sections", doc.sections().size());
        d.put("clauses", clauses);
        if (facts.fetched() != null) {
            d.put("fetched", facts.fetched());
        }
        if (duplicate) {
            d.put("duplicate_of", facts.duplicateOf());
        }
        d.put("categories", counts);
        d.put("data_types", summary.dataTypes());
        d.put("third_parties", summary.thirdParties());
        d.put("recipients", summary.recipients());
        d.put("purposes", summary.purposes());
        d.put("user_rights", summary.rights());
        d.put("retention_shortest", summary.retentionShortest());
        d.put("retention_longest", summary.retentionLongest());
        d.put("min_age", summary.minimumAge());
        return new Piece(List.of(clausesCsv.toString(), clausesJsonl.toString(), attributesCsv.toString(), csvLine(row),
                jsonLine(d), ""));
    }

    /** Renders the errors.jsonl line of an input that was skipped. Thread-safe. */
    public static Piece renderError(String docId, String source, String reason) throws IOException {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("doc_id", docId);
        e.put("source", source);
        e.put("reason", reason);
        return new Piece(List.of("", "", "", "", "", jsonLine(e)));
    }

    /** Appends a rendered piece to the files. */
    public void append(Piece piece) throws IOException {
        for (int i = 0; i < files.size(); i++) {
            String part = piece.parts().get(i);
            if (!part.isEmpty()) {
                files.get(i).writer().write(part);
            }
        }
    }

    /** Hands everything appended so far to the operating system; returns the file lengths, in order of {@link #FILES}. */
    public long[] flush() throws IOException {
        long[] lengths = new long[files.size()];
        for (int i = 0; i < files.size(); i++) {
            lengths[i] = files.get(i).flush();
        }
        return lengths;
    }

    /**
     * Prints one CSV record: what {@link CSVPrinter#printRecord(Object...)} prints (it prints each value, then
     * ends the line), without the stream it iterates the values with.
     */
    private static void record(CSVPrinter csv, Object... values) throws IOException {
        for (Object v : values) {
            csv.print(v);
        }
        csv.println();
    }

    /** A generous guess of a document's clauses.jsonl piece, so that its buffer is not copied as it grows. */
    private int jsonlCapacity(AnnotatedDocument doc) {
        long chars = 0;
        for (Clause c : doc.clauses()) {
            chars += 600 + 2L * c.text().length() + (withTokens ? 56L * c.tokens().size() : 0);
        }
        return (int) Math.min(chars, 1 << 26);
    }

    private static String csvLine(List<?> values) throws IOException {
        StringBuilder sb = new StringBuilder();
        CSV.printRecord(sb, values.toArray());
        return sb.toString();
    }

    /**
     * Appends a clause's line of {@code clauses.jsonl}: the JSON object Jackson writes for the ordered map of
     * the clause's fields, written field by field ({@code AnnotationWriterTest} keeps that map as its oracle).
     * Tokens are most of the file, and a map per clause and per token was most of the writer's cost.
     */
    private void clauseLine(StringBuilder out, AnnotatedDocument doc, Clause c, String section, String kind,
                            double topScore) {
        JsonText.string(out.append("{\"doc_id\":"), doc.docId());
        out.append(",\"clause_id\":").append(c.id());
        JsonText.string(out.append(",\"section\":"), section);
        JsonText.strings(out.append(",\"section_path\":"), c.sectionPath());
        out.append(",\"start\":").append(c.start()).append(",\"end\":").append(c.end());
        JsonText.string(out.append(",\"text\":"), c.text());
        JsonText.string(out.append(",\"kind\":"), kind);
        if (c.leadInId() >= 0) {
            out.append(",\"lead_in\":").append(c.leadInId());
            JsonText.string(out.append(",\"lead_in_text\":"), doc.clauses().get(c.leadInId()).text());
        } else {
            out.append(",\"lead_in\":null,\"lead_in_text\":null");
        }
        JsonText.strings(out.append(",\"categories\":"), c.categories());
        JsonText.number(out.append(",\"score\":"), Math.round(topScore * 1e4) / 1e4);
        scoresJson(out.append(",\"scores\":"), c.scores());
        JsonText.string(out.append(",\"polarity\":"), c.polarity() == null ? null : c.polarity().label());
        JsonText.string(out.append(",\"modality\":"), c.modality().label());
        out.append(",\"attributes\":[");
        for (int i = 0; i < c.attributes().size(); i++) {
            Attribute a = c.attributes().get(i);
            JsonText.string(out.append(i > 0 ? ",{\"type\":" : "{\"type\":"), a.type());
            JsonText.string(out.append(",\"value\":"), a.value());
            out.append(",\"start\":").append(a.start()).append(",\"end\":").append(a.end());
            JsonText.string(out.append(",\"text\":"), a.text()).append('}');
        }
        out.append(']');
        if (withTokens) {
            String text = doc.text();
            out.append(",\"tokens\":[");
            for (int i = 0; i < c.tokens().size(); i++) {
                Token t = c.tokens().get(i);
                out.append(i > 0 ? ",{\"start\":" : "{\"start\":").append(t.start()).append(",\"end\":").append(t.end());
                JsonText.string(out.append(",\"text\":"), text, t.start(), t.end());
                JsonText.string(out.append(",\"pos\":"), t.pos()).append('}');
            }
            out.append(']');
        }
        out.append("}\n");
    }

    /** Clause counts per taxonomy id, in taxonomy order, zeros included (the policy × category table). */
    public static Map<String, Integer> categoryCounts(AnnotatedDocument doc) {
        Map<String, Integer> counts = zeroCounts();
        for (Clause c : doc.clauses()) {
            for (String id : c.categories()) {
                counts.merge(id, 1, Integer::sum);
            }
        }
        return counts;
    }

    private static Map<String, Integer> zeroCounts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Category c : Category.values()) {
            counts.put(c.id(), 0);
        }
        return counts;
    }

    /** One value as a line of JSON. */
    private static String jsonLine(Object value) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator gen = jsonLines(out)) {
            jsonLine(gen, value);
        }
        return out.toString();
    }

    /** A generator for lines of JSON: {@link #jsonLine(JsonGenerator, Object)} ends each value with a newline. */
    private static JsonGenerator jsonLines(Writer out) throws IOException {
        return JSON.createGenerator(out).setRootValueSeparator(null);
    }

    private static void jsonLine(JsonGenerator gen, Object value) throws IOException {
        writeJson(gen, value);
        gen.writeRaw('\n');
    }

    /**
     * Writes a value built of maps, collections, strings, numbers and nulls exactly as {@code JSON} serialises it,
     * straight to the generator: {@link ObjectMapper#writeValueAsString} looks up a serializer for every map value
     * and sets up a generator per call, which made it most of the cost of rendering. Other types go to Jackson.
     */
    private static void writeJson(JsonGenerator gen, Object value) throws IOException {
        if (value == null) {
            gen.writeNull();
        } else if (value instanceof String s) {
            gen.writeString(s);
        } else if (value instanceof Integer i) {
            gen.writeNumber(i);
        } else if (value instanceof Double d) {
            gen.writeNumber(d);
        } else if (value instanceof Map<?, ?> m && allStringKeys(m)) {
            gen.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                gen.writeFieldName((String) e.getKey());
                writeJson(gen, e.getValue());
            }
            gen.writeEndObject();
        } else if (value instanceof Collection<?> c) {
            gen.writeStartArray();
            for (Object o : c) {
                writeJson(gen, o);
            }
            gen.writeEndArray();
        } else {
            JSON.writeValue(gen, value);
        }
    }

    private static boolean allStringKeys(Map<?, ?> m) {
        for (Object k : m.keySet()) {
            if (!(k instanceof String)) {
                return false;
            }
        }
        return true;
    }

    /** Appends the JSON object of {@link #orderedScores}, without building the ordered map. */
    private static void scoresJson(StringBuilder out, Map<String, Double> scores) {
        out.append('{');
        int written = 0;
        for (Category c : Category.values()) {
            Double s = scores.get(c.id());
            if (s != null) {
                JsonText.number(JsonText.field(written++ > 0 ? out.append(',') : out, c.id()), s);
            }
        }
        if (written < scores.size()) {
            // Ids outside the taxonomy (rare): those after the taxonomy's own in the ordered map, by name.
            int taxonomy = written;
            int k = 0;
            for (Map.Entry<String, Double> e : orderedScores(scores).entrySet()) {
                if (k++ >= taxonomy) {
                    JsonText.number(JsonText.field(written++ > 0 ? out.append(',') : out, e.getKey()), e.getValue());
                }
            }
        }
        out.append('}');
    }

    /** Scores in taxonomy order, then any other ids by name, so that output bytes never depend on hash order. */
    static Map<String, Double> orderedScores(Map<String, Double> scores) {
        Map<String, Double> ordered = new LinkedHashMap<>();
        for (Category c : Category.values()) {
            Double s = scores.get(c.id());
            if (s != null) {
                ordered.put(c.id(), s);
            }
        }
        if (ordered.size() < scores.size()) {
            new java.util.TreeMap<>(scores).forEach(ordered::putIfAbsent);
        }
        return ordered;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    /** Completes every file and moves it to its final name. */
    public void commit() throws IOException {
        for (AtomicFile f : files) {
            f.commit();
        }
    }

    /** Closes the files but keeps their partial copies, for a later run to {@link #resume}. */
    public void release() throws IOException {
        for (AtomicFile f : files) {
            f.release();
        }
    }

    /** Deletes the partial files of a run that did not commit (unless they were {@link #release() released}). */
    @Override
    public void close() throws IOException {
        for (AtomicFile f : files) {
            f.close();
        }
    }
}
