package org.policyminer.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.lucene.index.CheckIndex;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.policyminer.doc.AnnotatedDocument;
import org.policyminer.search.ClauseSearcher;
import org.policyminer.search.SearchRequest;

class ClauseIndexerTest {

    @TempDir
    Path dir;

    private long count(String query) throws Exception {
        try (ClauseSearcher s = ClauseSearcher.open(dir)) {
            return s.search(SearchRequest.of(query)).total();
        }
    }

    @Test
    void reindexingSkipsUnchangedAndReplacesChangedPolicies() throws Exception {
        List<AnnotatedDocument> sample = Policies.sample();
        try (ClauseIndexer indexer = ClauseIndexer.open(dir)) {
            for (AnnotatedDocument d : sample) {
                assertEquals(ClauseIndexer.Outcome.ADDED, indexer.index(d));
            }
            indexer.commit();
        }
        assertEquals(11, count(""));
        AnnotatedDocument changed = Policies.policy("globex.md", "Globex Notice")
                .clause("Globex Notice > Retention", "Globex deletes logs after ninety days.", "retention")
                .build();
        try (ClauseIndexer indexer = ClauseIndexer.open(dir)) {
            // Fingerprints come back from the index on disk, not from memory.
            assertEquals(ClauseIndexer.Outcome.UNCHANGED, indexer.index(sample.get(0)));
            assertEquals(ClauseIndexer.Outcome.REPLACED, indexer.index(changed));
            indexer.commit();
        }
        assertEquals(9, count(""));
        assertEquals(0, count("invoices"), "the old clauses of the policy are gone");
        assertEquals(1, count("ninety"));
        // A different classification of the same text is a change too.
        AnnotatedDocument reclassified = Policies.policy("globex.md", "Globex Notice")
                .clause("Globex Notice > Retention", "Globex deletes logs after ninety days.", "retention,security")
                .build();
        try (ClauseIndexer indexer = ClauseIndexer.open(dir)) {
            assertEquals(ClauseIndexer.Outcome.REPLACED, indexer.index(reclassified));
            indexer.commit();
        }
        assertEquals(1, count("category:security AND ninety"));
    }

    @Test
    void deleteAndEmptyPoliciesRemoveClauses() throws Exception {
        try (ClauseIndexer indexer = ClauseIndexer.open(dir)) {
            for (AnnotatedDocument d : Policies.sample()) {
                indexer.index(d);
            }
            indexer.commit();
            assertTrue(indexer.delete("acme.html"));
            assertFalse(indexer.delete("acme.html"));
            AnnotatedDocument notEnglish = new AnnotatedDocument("globex.md", "x", null, "text", "UTF-8", "rus", "h",
                    AnnotatedDocument.Status.NOT_ENGLISH, "текст", List.of(), List.of(), List.of());
            assertEquals(ClauseIndexer.Outcome.EMPTY, indexer.index(notEnglish));
            indexer.commit();
            assertEquals(1, indexer.policies());
        }
        assertEquals(3, count(""));
        assertEquals(3, count("doc:initech.txt"));
    }

    @Test
    void uncommittedChangesAreNeitherVisibleNorKept() throws Exception {
        List<AnnotatedDocument> sample = Policies.sample();
        try (ClauseIndexer indexer = ClauseIndexer.open(dir)) {
            indexer.index(sample.get(0));
            indexer.commit();
            try (ClauseSearcher searcher = ClauseSearcher.open(dir)) {
                indexer.index(sample.get(1));
                indexer.delete("acme.html");
                searcher.refresh();
                assertEquals(5, searcher.search(SearchRequest.of("")).total());
            }
        } // closed without commit: discarded
        assertEquals(5, count(""));
    }

    @Test
    void attributesAreSearchableAndReturned() throws Exception {
        AnnotatedDocument plain = Policies.policy("acme.html", "Acme")
                .clause("Retention", "We keep your data for at most five years.", "retention")
                .clause("Retention", "Logs are kept briefly.", "retention")
                .build();
        org.policyminer.doc.Clause first = plain.clauses().get(0);
        int at = first.text().indexOf("at most five years");
        org.policyminer.doc.Attribute period = new org.policyminer.doc.Attribute("retention", "max P5Y",
                first.start() + at, first.start() + at + 18, "at most five years");
        AnnotatedDocument doc = new AnnotatedDocument(plain.docId(), plain.source(), plain.title(), plain.format(),
                plain.charset(), plain.language(), plain.contentHash(), plain.status(), plain.text(), plain.blocks(),
                plain.sections(), List.of(first.withStatement(List.of(period), null, null), plain.clauses().get(1)));
        try (ClauseIndexer indexer = ClauseIndexer.open(dir)) {
            indexer.index(doc);
            indexer.commit();
        }
        assertEquals(1, count("attribute:retention"));
        assertEquals(1, count("attribute:\"retention=max P5Y\" AND five"));
        assertEquals(0, count("attribute:\"retention=max P1Y\""));
        try (ClauseSearcher s = ClauseSearcher.open(dir)) {
            var hit = s.search(SearchRequest.of("attribute:retention")).hits().get(0);
            assertEquals(List.of(period), hit.attributes());
            assertEquals(List.of(period), s.policy("acme.html").orElseThrow().clauses().get(0).attributes());
        }
    }

    @Test
    void aSecondWriterIsRefusedWithAClearMessage() throws Exception {
        try (ClauseIndexer indexer = ClauseIndexer.open(dir)) {
            IOException e = assertThrows(IOException.class, () -> ClauseIndexer.open(dir));
            assertTrue(e.getMessage().contains("another process"), e.getMessage());
        }
    }

    /**
     * Kills a real indexing process at an arbitrary moment (after a few commits, while it is writing) and checks
     * that the index is intact and holds exactly whole committed policies.
     */
    @Test
    void aKilledRunLeavesTheLastCommitIntact() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                KilledIndexer.class.getName(), dir.toString())
                .redirectErrorStream(true).start();
        int commits = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null && commits < 3; line = out.readLine()) {
                if (line.startsWith("committed")) {
                    commits++;
                }
            }
            Thread.sleep(150); // let it get into the middle of writing the next batch
            child.destroyForcibly();
            assertTrue(child.waitFor(20, TimeUnit.SECONDS));
        }
        assertEquals(3, commits, "the child process did not start indexing");
        try (Directory d = FSDirectory.open(dir); CheckIndex check = new CheckIndex(d)) {
            check.setLevel(CheckIndex.Level.MIN_LEVEL_FOR_SLOW_CHECKS);
            assertTrue(check.checkIndex().clean, "CheckIndex found problems");
            try (DirectoryReader reader = DirectoryReader.open(d)) {
                Map<String, Integer> perPolicy = new HashMap<>();
                for (var leaf : reader.leaves()) {
                    Bits live = leaf.reader().getLiveDocs();
                    StoredFields stored = leaf.reader().storedFields();
                    for (int i = 0; i < leaf.reader().maxDoc(); i++) {
                        if (live == null || live.get(i)) {
                            perPolicy.merge(stored.document(i).get(IndexSchema.DOC_ID), 1, Integer::sum);
                        }
                    }
                }
                assertTrue(perPolicy.size() >= 3 * KilledIndexer.BATCH, "policies: " + perPolicy.size());
                assertEquals(0, perPolicy.size() % KilledIndexer.BATCH, "only whole batches are committed");
                perPolicy.forEach((id, n) -> assertEquals(KilledIndexer.CLAUSES, n, "clauses of " + id));
            }
        }
        // The dead process's lock does not block the next writer.
        try (ClauseIndexer indexer = ClauseIndexer.open(dir)) {
            indexer.index(Policies.sample().get(0));
            indexer.commit();
        }
    }
}
