package org.policyminer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.policyminer.clean.Cleaner;
import org.policyminer.doc.Block;
import org.policyminer.doc.StructuredText;
import org.policyminer.ingest.Decoder;

/**
 * Real policy text for tests that compare two implementations of a matcher: every paragraph, list item and
 * heading of the seed corpus and of the OPP-115 sample, as the cleaner leaves them.
 */
public final class TextSamples {

    private static List<String> blocks;

    private TextSamples() {
    }

    /** The clean text of every block, in file order (read once). */
    public static synchronized List<String> blocks() {
        if (blocks == null) {
            List<String> out = new ArrayList<>();
            for (Path dir : List.of(Fixtures.CORPUS, Path.of("src/test/resources/opp115-mini/sanitized_policies"))) {
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path p : files.sorted().toList()) {
                        Decoder.Decoded d = Decoder.decode(Files.readAllBytes(p), null);
                        StructuredText t = Cleaner.forFormat(d.format()).clean(d.text());
                        for (Block b : t.blocks()) {
                            out.add(b.text(t.text()));
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (PolicyMinerException e) {
                    throw new IllegalStateException(e);
                }
            }
            blocks = List.copyOf(out);
        }
        return blocks;
    }
}
