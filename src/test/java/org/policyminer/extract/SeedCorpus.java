package org.policyminer.extract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.policyminer.PolicyMiner;
import org.policyminer.PolicyMinerException;
import org.policyminer.doc.AnnotatedDocument;
import org.policyminer.ingest.Source;

/** The five seed policies of {@code corpus/}, annotated once (real models) and shared by the tests. */
final class SeedCorpus {

    private static Map<String, AnnotatedDocument> docs;
    private static PolicyMiner miner;

    private SeedCorpus() {
    }

    static synchronized PolicyMiner miner() {
        if (miner == null) {
            miner = PolicyMiner.builder().build();
        }
        return miner;
    }

    /** The annotated seeds by file name. */
    static synchronized Map<String, AnnotatedDocument> docs() {
        if (docs == null) {
            Map<String, AnnotatedDocument> m = new LinkedHashMap<>();
            try (Stream<Path> files = Files.list(Path.of("corpus"))) {
                for (Path p : files.sorted().toList()) {
                    String name = p.getFileName().toString();
                    m.put(name, miner().annotate(new Source(name, p.toString(), Files.readAllBytes(p), null)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (PolicyMinerException e) {
                throw new IllegalStateException(e);
            }
            docs = m;
        }
        return docs;
    }
}
