import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.policyminer.PolicyMiner;
import org.policyminer.classify.LexiconClassifier;
import org.policyminer.classify.ModelClassifier;
import org.policyminer.classify.SparseVector;
import org.policyminer.classify.Unit;
import org.policyminer.doc.AnnotatedDocument;
import org.policyminer.doc.Clause;
import org.policyminer.doc.StructuredText;
import org.policyminer.ingest.Inputs;
import org.policyminer.ingest.Source;
import org.policyminer.output.AnnotationWriter;
import org.policyminer.segment.LanguageIdentifier;
import org.policyminer.segment.NlpModels;
import org.policyminer.segment.Segmenter;

/**
 * One jar's side of {@link StageCompare}: prepares documents once (loaded, cleaned, annotated) and then times one
 * stage at a time over all of them on the calling thread. Uses only public API that every jar since the batch
 * pipeline has, so that old and new jars run the same harness.
 */
public final class StageHarness {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static PolicyMiner miner;
    private static ModelClassifier model;
    private static LexiconClassifier lexicon;
    private static AnnotationWriter writer;
    private static Segmenter segmenter;
    private static LanguageIdentifier language;
    private static final List<StructuredText> TEXTS = new ArrayList<>();
    private static final List<Source> SOURCES = new ArrayList<>();
    private static final List<AnnotatedDocument> DOCS = new ArrayList<>();
    private static final List<List<Unit>> UNITS = new ArrayList<>();

    private StageHarness() {
    }

    /** Reads the first {@code limit} inputs and annotates them; returns what it prepared. */
    public static String prepare(String input, int limit, String outDir) throws Exception {
        miner = PolicyMiner.builder().tokens(true).build();
        model = ModelClassifier.bundled().orElseThrow();
        lexicon = LexiconClassifier.bundled();
        try (Inputs.Cursor c = Inputs.open(List.of(input), 20_000_000, new ByteArrayInputStream(new byte[0]))) {
            while (c.hasNext() && SOURCES.size() < limit) {
                try {
                    SOURCES.add(c.next().load());
                } catch (Exception e) {
                    // Unreadable input: not part of any stage.
                }
            }
        }
        for (Source s : SOURCES) {
            try {
                PolicyMiner.Cleaned cleaned = miner.clean(s);
                AnnotatedDocument d = miner.annotate(cleaned);
                DOCS.add(d);
                TEXTS.add(cleaned.text());
                UNITS.add(Unit.of(d.clauses()));
            } catch (Exception e) {
                // Not annotatable: only the clean stage sees it.
            }
        }
        NlpModels models = NlpModels.load();
        segmenter = new Segmenter(models);
        language = new LanguageIdentifier(models);
        writer = new AnnotationWriter(Files.createDirectories(Path.of(outDir)), true);
        return SOURCES.size() + " inputs, " + DOCS.size() + " annotated documents";
    }

    /** Runs one stage over all prepared documents: "CPU-seconds checksum". */
    public static String round(String stage) throws Exception {
        long h = 0;
        long t0 = THREADS.getCurrentThreadCpuTime();
        switch (stage) {
            case "clean" -> {
                for (Source s : SOURCES) {
                    try {
                        h = h * 31 + miner.clean(s).text().text().hashCode();
                    } catch (Exception e) {
                        h++;
                    }
                }
            }
            case "classify" -> {
                for (AnnotatedDocument d : DOCS) {
                    h = h * 31 + model.predict(d.clauses()).hashCode();
                }
            }
            case "features" -> {
                for (List<Unit> us : UNITS) {
                    for (Unit u : us) {
                        SparseVector v = model.features().vector(u);
                        h = h * 31 + Arrays.hashCode(v.index()) * 7L + Arrays.hashCode(v.value());
                    }
                }
            }
            case "lexicon" -> {
                for (List<Unit> us : UNITS) {
                    for (Unit u : us) {
                        // toString: enum hash codes differ between class loaders, their names do not.
                        h = h * 31 + lexicon.scores(u.text(), u.section(), u.leadIn()).toString().hashCode();
                    }
                }
            }
            case "segment" -> {
                // Sentences, tokens and POS tags; one segmenter for all rounds, as a worker keeps its own.
                for (StructuredText t : TEXTS) {
                    for (Clause c : segmenter.clauses(t, Segmenter.sections(t), true)) {
                        h = h * 31 + c.start() * 7L + c.end() + c.tokens().toString().hashCode();
                    }
                }
            }
            case "language" -> {
                for (StructuredText t : TEXTS) {
                    h = h * 31 + language.detect(t.text()).hashCode();
                }
            }
            case "render" -> {
                for (AnnotatedDocument d : DOCS) {
                    h = h * 31 + writer.render(d, new AnnotationWriter.RunFacts("2025-01-01T00:00:00Z", null))
                            .parts().hashCode();
                }
            }
            default -> throw new IllegalArgumentException("unknown stage " + stage
                    + " (clean, classify, features, lexicon, language, render, segment)");
        }
        return (THREADS.getCurrentThreadCpuTime() - t0) / 1e9 + " " + Long.toHexString(h);
    }
}
