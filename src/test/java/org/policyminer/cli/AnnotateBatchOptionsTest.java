package org.policyminer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.policyminer.batch.BatchAnnotator;

/** The batch options of {@code annotate}: --threads, --resume, and the progress line. */
class AnnotateBatchOptionsTest {

    @TempDir
    Path tmp;

    @Test
    void resumingAFinishedRunChangesNothing() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        Files.writeString(in.resolve("a.html"), "<html><body><h1>Privacy</h1><p>We collect your email address.</p>"
                + "<p>We keep it for one year.</p></body></html>");
        Path out = tmp.resolve("out");
        assertEquals(0, Main.execute("annotate", in.toString(), "--out", out.toString(), "--threads", "2"));
        String before = Files.readString(out.resolve("clauses.jsonl"));
        assertEquals(0, Main.execute("annotate", in.toString(), "--out", out.toString(), "--resume"));
        assertEquals(before, Files.readString(out.resolve("clauses.jsonl")));
        assertEquals(2, Main.execute("annotate", in.toString(), "--out", out.toString(), "--threads", "0"));
        assertEquals(2, Main.execute("annotate", in.toString(), "--out", out.toString()), "non-empty folder refused");
    }

    @Test
    void progressLineShowsRateShareAndEta() {
        String line = Progress.line(new BatchAnnotator.Status(50, 250, 1000, 10), 4.0);
        assertTrue(line.contains(" 25% 50 documents, 10.0/s ETA 0:12"), line);
        assertTrue(line.startsWith("[#######        "), line);
    }
}
