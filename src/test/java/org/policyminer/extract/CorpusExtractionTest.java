package org.policyminer.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.policyminer.doc.AnnotatedDocument;
import org.policyminer.doc.Attribute;
import org.policyminer.doc.Clause;
import org.policyminer.output.AnnotationWriter;

/** End to end over {@code corpus/}: attributes in the annotated documents and in every output file. */
class CorpusExtractionTest {

    @Test
    void attributesAreStandoffAndStateRealFactsOfTheSeeds() {
        Map<String, AnnotatedDocument> docs = SeedCorpus.docs();
        for (AnnotatedDocument d : docs.values()) {
            for (Clause c : d.clauses()) {
                for (Attribute a : c.attributes()) {
                    assertEquals(a.text(), d.text().substring(a.start(), a.end()), d.docId() + " " + a);
                    assertTrue(a.start() >= c.start() && a.end() <= c.end(), "inside its clause: " + a);
                }
            }
        }
        DocumentSummary additive = DocumentSummary.of(docs.get("additive-laser-technology-ukraine.txt").clauses());
        assertEquals("max P5Y", additive.retentionLongest());
        DocumentSummary artec = DocumentSummary.of(docs.get("artec3d-privacy-policy-2017.md").clauses());
        assertEquals(13, artec.minimumAge());
        DocumentSummary altoros = DocumentSummary.of(docs.get("altoros-privacy-policy.txt").clauses());
        assertTrue(altoros.thirdParties().containsAll(List.of("google", "hubspot", "facebook", "linkedin")),
                altoros.thirdParties()::toString);
        assertTrue(!altoros.thirdParties().contains("altoros"), "the first party is not a third party");
        assertEquals(16, altoros.minimumAge());
        DocumentSummary atomform = DocumentSummary.of(docs.get("atomform-privacy-policy.txt").clauses());
        assertEquals("P90D", atomform.retentionShortest());
        assertTrue(atomform.thirdParties().containsAll(List.of("paypal", "stripe", "cloudflare", "mailchimp")));
        assertTrue(atomform.dataTypes().contains("payment-data"), atomform.dataTypes()::toString);
        // "We will not collect or store any copies of the camera pictures or videos."
        assertTrue(docs.get("atomform-privacy-policy.txt").clauses().stream().anyMatch(c ->
                c.text().contains("will not collect or store any copies") && c.polarity() == Clause.Polarity.DOES_NOT));
        assertTrue(docs.get("atomform-privacy-policy.txt").clauses().stream().flatMap(c -> c.attributes().stream())
                .anyMatch(a -> a.value().equals("rectification (GDPR Art. 16)")));
    }

    @Test
    void outputsCarryAttributes(@TempDir Path dir) throws IOException {
        try (AnnotationWriter w = new AnnotationWriter(dir, false)) {
            for (AnnotatedDocument d : SeedCorpus.docs().values()) {
                w.write(d);
            }
            w.commit();
        }
        List<CSVRecord> rows;
        try (Reader in = Files.newBufferedReader(dir.resolve("attributes.csv"))) {
            rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
        }
        assertTrue(rows.size() > 500, "attribute rows: " + rows.size());
        assertTrue(rows.stream().anyMatch(r -> r.get("doc_id").equals("additive-laser-technology-ukraine.txt")
                && r.get("type").equals("retention") && r.get("value").equals("max P5Y")
                && r.get("text").equals("no more than 5 (five) years")));
        ObjectMapper json = new ObjectMapper();
        boolean sawDoesNot = false;
        for (String line : Files.readAllLines(dir.resolve("clauses.jsonl"))) {
            JsonNode c = json.readTree(line);
            assertTrue(c.get("attributes").isArray());
            assertNotNull(c.get("modality").asText());
            sawDoesNot |= "does-not".equals(c.get("polarity").asText());
        }
        assertTrue(sawDoesNot);
        try (Reader in = Files.newBufferedReader(dir.resolve("documents.csv"))) {
            var parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in);
            List<String> header = parser.getHeaderNames();
            assertEquals(header.size(), new java.util.HashSet<>(header).size(), "column names are unique: " + header);
            List<CSVRecord> docs = parser.getRecords();
            CSVRecord artec = docs.stream().filter(r -> r.get("doc_id").startsWith("artec3d")).findFirst().orElseThrow();
            assertEquals("13", artec.get("min_age"));
        }
        JsonNode firstDoc = json.readTree(Files.readAllLines(dir.resolve("documents.jsonl")).get(0));
        assertTrue(firstDoc.get("data_types").isArray());
    }
}
