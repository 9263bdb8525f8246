package org.policyminer.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.policyminer.PolicyMiner;
import org.policyminer.classify.ClauseClassifier;
import org.policyminer.classify.LexiconClassifier;
import org.policyminer.ingest.Inputs;
import org.policyminer.segment.NlpModels;

class BatchAnnotatorTest {

    @TempDir
    static Path tmp;
    static Path corpus;
    static Path reference;
    static BatchAnnotator.Summary referenceSummary;

    @BeforeAll
    static void uninterruptedRun() throws IOException {
        corpus = tmp.resolve("corpus");
        Fixtures.corpus(corpus, 12);
        reference = tmp.resolve("reference");
        referenceSummary = run(corpus, reference, 1, false, seq -> {
        });
    }

    static BatchAnnotator.Summary run(Path in, Path out, int threads, boolean resume, BatchAnnotator.CommitHook hook)
            throws IOException {
        try (Inputs.Cursor items = Inputs.open(List.of(in.toString()), 1_000_000, new ByteArrayInputStream(new byte[0]))) {
            return BatchAnnotator.builder(Fixtures.miner()).threads(threads).resume(resume).onCommit(hook).build()
                    .run(items, out, status -> {
                    });
        }
    }

    @Test
    void outputsAreByteIdenticalForAnyThreadCount() throws IOException {
        Path out = tmp.resolve("three-threads");
        BatchAnnotator.Summary s = run(corpus, out, 3, false, seq -> {
        });
        assertEquals(Fixtures.outputs(reference), Fixtures.outputs(out));
        assertEquals(referenceSummary.documents(), s.documents());
        assertFalse(Files.exists(out.resolve(Journal.NAME)), "a finished run leaves no journal");
        try (var files = Files.list(out)) {
            assertTrue(files.noneMatch(p -> p.toString().endsWith(".partial")));
        }
    }

    @Test
    void badDocumentsBecomeErrorsAndTheRunGoesOn() throws IOException {
        assertEquals(12, referenceSummary.documents());
        assertEquals(2, referenceSummary.skipped());
        List<String> errors = Files.readAllLines(reference.resolve("errors.jsonl"));
        assertEquals(2, errors.size());
        assertTrue(errors.get(0).contains("p002-empty.html") && errors.get(0).contains("empty file"), errors.get(0));
        assertTrue(errors.get(1).contains("p003-scan.html") && errors.get(1).contains("PDF"), errors.get(1));
        // Every policy after the bad inputs is still annotated.
        assertTrue(Files.readString(reference.resolve("clauses.csv")).contains("p011.html,"));
    }

    @Test
    void identicalDocumentsAreAnnotatedOnceAndReportedAsDuplicates() throws IOException {
        assertEquals(1, referenceSummary.duplicates());
        String documents = Files.readString(reference.resolve("documents.csv"));
        String copyRow = documents.lines().filter(l -> l.startsWith("p012-copy.html,")).findFirst().orElseThrow();
        assertTrue(copyRow.contains(",duplicate,") && copyRow.contains(",p001.html,"), copyRow);
        assertFalse(Files.readString(reference.resolve("clauses.csv")).contains("p012-copy.html"),
                "a duplicate's clauses are not written again");
    }

    @Test
    void aKilledRunResumesToTheSameBytesWithoutRedoingFinishedDocuments() throws IOException {
        Path out = tmp.resolve("killed");
        // Kill after the 6th committed document, then leave torn tails as a kill in the middle of a write would.
        assertThrows(Killed.class, () -> run(corpus, out, 2, false, seq -> {
            if (seq == 5) {
                throw new Killed();
            }
        }));
        assertTrue(Files.exists(out.resolve(Journal.NAME)));
        for (String f : List.of("clauses.csv.partial", "clauses.jsonl.partial", "documents.csv.partial")) {
            Files.writeString(out.resolve(f), "torn half-line of the next document", StandardOpenOption.APPEND);
        }
        Files.writeString(out.resolve(Journal.NAME), "[6,\"p006.ht", StandardOpenOption.APPEND);

        List<Long> redone = new ArrayList<>();
        BatchAnnotator.Summary s = run(corpus, out, 3, true, redone::add);
        assertEquals(Fixtures.outputs(reference), Fixtures.outputs(out));
        assertEquals(6, redone.get(0), "the resumed run starts right after the last committed document");
        assertEquals(15 - 6, redone.size());
        assertEquals(6, s.resumed());
        assertEquals(referenceSummary.documents(), s.documents());
        assertEquals(referenceSummary.clauses(), s.clauses());
        assertEquals(referenceSummary.duplicates(), s.duplicates());
        assertFalse(Files.exists(out.resolve(Journal.NAME)));
    }

    @Test
    void aRunKilledWhileRenamingItsFilesResumes() throws IOException {
        Path out = tmp.resolve("renaming");
        run(corpus, out, 2, false, seq -> {
        });
        // As if killed after clauses.csv was renamed into place but before the others and the journal were done.
        Files.writeString(out.resolve(Journal.NAME), "garbage");
        assertThrows(IOException.class, () -> run(corpus, out, 2, true, seq -> {
        }), "a journal that is not one is refused, not overwritten");
        Files.delete(out.resolve(Journal.NAME));
        Path half = tmp.resolve("half");
        assertThrows(Killed.class, () -> run(corpus, half, 1, false, seq -> {
            if (seq == 14) {
                throw new Killed();
            }
        }));
        Files.move(half.resolve("clauses.csv.partial"), half.resolve("clauses.csv"));
        run(corpus, half, 2, true, seq -> {
        });
        assertEquals(Fixtures.outputs(reference), Fixtures.outputs(half));
    }

    @Test
    void resumingWithChangedInputsIsRefused() throws IOException {
        Path out = tmp.resolve("changed");
        assertThrows(Killed.class, () -> run(corpus, out, 1, false, seq -> {
            if (seq == 2) {
                throw new Killed();
            }
        }));
        Path other = tmp.resolve("other-corpus");
        Fixtures.corpus(other, 3);
        Files.move(other.resolve("p000.html"), other.resolve("a-new-first-file.html"));
        IOException e = assertThrows(IOException.class, () -> run(other, out, 1, true, seq -> {
        }));
        assertTrue(e.getMessage().contains("inputs changed"), e.getMessage());
    }

    @Test
    void aDocumentOverItsTimeBudgetIsAnErrorAndTheRunGoesOn() throws IOException {
        ClauseClassifier lexicon = LexiconClassifier.bundled();
        // The stuck document waits for the test to let it go, so the budget can be generous: a loaded CI machine
        // must never push an ordinary document over it.
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        ClauseClassifier slow = clauses -> {
            if (clauses.stream().anyMatch(c -> c.text().contains("from shop 3."))) {
                try {
                    release.await(120, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return lexicon.predict(clauses);
        };
        PolicyMiner miner = PolicyMiner.builder().models(NlpModels.load()).classifier(slow).build();
        Path in = tmp.resolve("slow-corpus");
        Files.createDirectories(in);
        for (int i = 0; i < 6; i++) {
            Files.writeString(in.resolve("s" + i + ".html"), Fixtures.policy(i), StandardCharsets.UTF_8);
        }
        Path out = tmp.resolve("slow");
        BatchAnnotator.Summary s;
        try (Inputs.Cursor items = Inputs.open(List.of(in.toString()), 1_000_000, new ByteArrayInputStream(new byte[0]))) {
            s = BatchAnnotator.builder(miner).threads(2).timeBudget(Duration.ofSeconds(15)).build()
                    .run(items, out, status -> {
                    });
        } finally {
            release.countDown();
        }
        String errors = Files.readString(out.resolve("errors.jsonl"));
        assertEquals(5, s.documents(), errors);
        assertEquals(1, s.skipped(), errors);
        assertTrue(errors.contains("s3.html") && errors.contains("time budget exceeded"), errors);
        assertTrue(Files.readString(out.resolve("clauses.csv")).contains("s5.html,"));
    }

    @Test
    void dedupKeyIsStableAcrossRuns() throws Exception {
        PolicyMiner.Cleaned c = Fixtures.miner().clean(org.policyminer.ingest.Source.ofText("x", Fixtures.policy(1)));
        // Part of resumable state: must not depend on identity hash codes or anything else that varies by JVM.
        String key = BatchAnnotator.dedupKey(c);
        assertEquals(key, BatchAnnotator.dedupKey(Fixtures.miner().clean(
                org.policyminer.ingest.Source.ofText("y", Fixtures.policy(1)))));
        assertTrue(key.startsWith(c.contentHash() + "/"));
    }

    /** Stands in for a kill: thrown from the commit hook, it stops the run where it is. */
    static final class Killed extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }
}
