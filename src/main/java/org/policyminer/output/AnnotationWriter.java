package org.policyminer.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 */
public final class AnnotationWriter implements AutoCloseable {

    /** Columns of {@code clauses.csv}. */
    public static final List<String> CLAUSE_COLUMNS = List.of("doc_id", "clause_id", "section", "start", "end", "text",
            "categories", "score", "kind", "lead_in");
    private static final List<String> DOCUMENT_COLUMNS = List.of("doc_id", "source", "title", "format", "charset",
            "language", "status", "content_hash", "sections", "clauses");
    /** Columns of {@code attributes.csv}: one row per extracted attribute. */
    public static final List<String> ATTRIBUTE_COLUMNS = List.of("doc_id", "clause_id", "type", "value", "start", "end",
            "text");
    /** Per-document attribute columns of {@code documents.csv}, after the category counts. */
    public static final List<String> SUMMARY_COLUMNS = List.of("data_types", "third_parties", "recipients", "purposes",
            "user_rights", "retention_shortest", "retention_longest", "min_age");

    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private final boolean withTokens;
    private final List<AtomicFile> files = new ArrayList<>();
    private final CSVPrinter clausesCsv;
    private final AtomicFile clausesJsonl;
    private final CSVPrinter documentsCsv;
    private final CSVPrinter attributesCsv;
    private final AtomicFile documentsJsonl;
    private final AtomicFile errorsJsonl;

    /**
     * Opens the output files in {@code dir} (created if needed).
     *
     * @param withTokens whether {@code clauses.jsonl} carries tokens with POS tags
     */
    public AnnotationWriter(Path dir, boolean withTokens) throws IOException {
        Files.createDirectories(dir);
        this.withTokens = withTokens;
        clausesCsv = csv(dir.resolve("clauses.csv"), CLAUSE_COLUMNS);
        clausesJsonl = open(dir.resolve("clauses.jsonl"));
        List<String> docColumns = new ArrayList<>(DOCUMENT_COLUMNS);
        for (Category c : Category.values()) {
            docColumns.add(c.id());
        }
        docColumns.addAll(SUMMARY_COLUMNS);
        documentsCsv = csv(dir.resolve("documents.csv"), docColumns);
        attributesCsv = csv(dir.resolve("attributes.csv"), ATTRIBUTE_COLUMNS);
        documentsJsonl = open(dir.resolve("documents.jsonl"));
        errorsJsonl = open(dir.resolve("errors.jsonl"));
    }

    private AtomicFile open(Path path) throws IOException {
        AtomicFile f = new AtomicFile(path);
        files.add(f);
        return f;
    }

    private CSVPrinter csv(Path path, List<String> header) throws IOException {
        return new CSVPrinter(open(path).writer(), CSVFormat.RFC4180.builder()
                .setHeader(header.toArray(String[]::new)).get());
    }

    /** Appends one annotated document: its clauses and its row in the documents table. */
    public void write(AnnotatedDocument doc) throws IOException {
        for (Clause c : doc.clauses()) {
            clausesCsv.printRecord(doc.docId(), c.id(), String.join(" > ", c.sectionPath()), c.start(), c.end(),
                    c.text(), String.join(";", c.categories()), String.format(java.util.Locale.ROOT, "%.4f", c.topScore()),
                    c.kind().name().toLowerCase(java.util.Locale.ROOT), c.leadInId() >= 0 ? c.leadInId() : "");
            jsonLine(clausesJsonl, clauseJson(doc, c));
            for (Attribute a : c.attributes()) {
                attributesCsv.printRecord(doc.docId(), c.id(), a.type(), a.value(), a.start(), a.end(), a.text());
            }
        }
        Map<String, Integer> counts = categoryCounts(doc);
        DocumentSummary summary = DocumentSummary.of(doc.clauses());
        List<Object> row = new ArrayList<>(List.of(doc.docId(), doc.source(), nullToEmpty(doc.title()), doc.format(),
                doc.charset(), doc.language(), doc.status().label(), doc.contentHash(), doc.sections().size(),
                doc.clauses().size()));
        row.addAll(counts.values());
        row.addAll(List.of(DocumentSummary.join(summary.dataTypes()), DocumentSummary.join(summary.thirdParties()),
                DocumentSummary.join(summary.recipients()), DocumentSummary.join(summary.purposes()),
                DocumentSummary.join(summary.rights()), nullToEmpty(summary.retentionShortest()),
                nullToEmpty(summary.retentionLongest()), summary.minimumAge() == null ? "" : summary.minimumAge()));
        documentsCsv.printRecord(row);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("doc_id", doc.docId());
        d.put("source", doc.source());
        d.put("title", doc.title());
        d.put("format", doc.format());
        d.put("charset", doc.charset());
        d.put("language", doc.language());
        d.put("status", doc.status().label());
        d.put("content_hash", doc.contentHash());
        d.put("sections", doc.sections().size());
        d.put("clauses", doc.clauses().size());
        d.put("categories", counts);
        d.put("data_types", summary.dataTypes());
        d.put("third_parties", summary.thirdParties());
        d.put("recipients", summary.recipients());
        d.put("purposes", summary.purposes());
        d.put("user_rights", summary.rights());
        d.put("retention_shortest", summary.retentionShortest());
        d.put("retention_longest", summary.retentionLongest());
        d.put("min_age", summary.minimumAge());
        jsonLine(documentsJsonl, d);
    }

    /** Records an input that was skipped, and why. */
    public void error(String docId, String source, String reason) throws IOException {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("doc_id", docId);
        e.put("source", source);
        e.put("reason", reason);
        jsonLine(errorsJsonl, e);
    }

    private Map<String, Object> clauseJson(AnnotatedDocument doc, Clause c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("doc_id", doc.docId());
        m.put("clause_id", c.id());
        m.put("section", String.join(" > ", c.sectionPath()));
        m.put("section_path", c.sectionPath());
        m.put("start", c.start());
        m.put("end", c.end());
        m.put("text", c.text());
        m.put("kind", c.kind().name().toLowerCase(java.util.Locale.ROOT));
        m.put("lead_in", c.leadInId() >= 0 ? c.leadInId() : null);
        m.put("lead_in_text", c.leadInId() >= 0 ? doc.clauses().get(c.leadInId()).text() : null);
        m.put("categories", c.categories());
        m.put("score", Math.round(c.topScore() * 1e4) / 1e4);
        m.put("scores", c.scores());
        m.put("polarity", c.polarity() == null ? null : c.polarity().label());
        m.put("modality", c.modality().label());
        List<Map<String, Object>> attributes = new ArrayList<>(c.attributes().size());
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
        if (withTokens) {
            List<Map<String, Object>> tokens = new ArrayList<>(c.tokens().size());
            for (Token t : c.tokens()) {
                Map<String, Object> tm = new LinkedHashMap<>();
                tm.put("start", t.start());
                tm.put("end", t.end());
                tm.put("text", doc.text().substring(t.start(), t.end()));
                tm.put("pos", t.pos());
                tokens.add(tm);
            }
            m.put("tokens", tokens);
        }
        return m;
    }

    /** Clause counts per taxonomy id, in taxonomy order, zeros included (the policy × category table). */
    public static Map<String, Integer> categoryCounts(AnnotatedDocument doc) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Category c : Category.values()) {
            counts.put(c.id(), 0);
        }
        for (Clause c : doc.clauses()) {
            for (String id : c.categories()) {
                counts.merge(id, 1, Integer::sum);
            }
        }
        return counts;
    }

    private static void jsonLine(AtomicFile f, Object value) throws IOException {
        JSON.writeValue(f.writer(), value);
        f.writer().write('\n');
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    /** Completes every file and moves it to its final name. */
    public void commit() throws IOException {
        clausesCsv.flush();
        documentsCsv.flush();
        attributesCsv.flush();
        for (AtomicFile f : files) {
            f.commit();
        }
    }

    /** Deletes the partial files of a run that did not commit. */
    @Override
    public void close() throws IOException {
        for (AtomicFile f : files) {
            f.close();
        }
    }
}
