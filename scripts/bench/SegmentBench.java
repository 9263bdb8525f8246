import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import opennlp.tools.tokenize.TokenizerME;
import opennlp.tools.util.Span;
import org.policyminer.clean.Cleaner;
import org.policyminer.doc.Block;
import org.policyminer.doc.Clause;
import org.policyminer.doc.StructuredText;
import org.policyminer.ingest.Decoder;
import org.policyminer.segment.CachingTokenizer;
import org.policyminer.segment.GreedyPosTagger;
import org.policyminer.segment.LanguageIdentifier;
import org.policyminer.segment.NlpModels;
import org.policyminer.segment.Segmenter;

/**
 * The segment stage's fast paths against OpenNLP's own code paths, one thread, on the clean text of every file
 * of the given folders: tokenizing and POS-tagging every clause, and detecting the language of every document
 * and of 12-paragraph pages cut from them (as {@code bench-batch --pages 12} cuts them). Prints how many outputs
 * differ and the CPU of each side over 4 alternating rounds after 2 warm-up rounds (one instance per side for
 * the whole run, as a pipeline worker keeps its tools).
 */
public class SegmentBench {

    public static void main(String[] args) throws Exception {
        NlpModels models = NlpModels.load();
        Segmenter segmenter = new Segmenter(models);
        List<String> clauses = new ArrayList<>();
        List<String> pages = new ArrayList<>();
        for (String dir : args) {
            try (Stream<Path> files = Files.list(Path.of(dir))) {
                for (Path p : files.sorted().toList()) {
                    StructuredText t;
                    try {
                        Decoder.Decoded d = Decoder.decode(Files.readAllBytes(p), null);
                        t = Cleaner.forFormat(d.format()).clean(d.text());
                    } catch (Exception e) {
                        continue;
                    }
                    for (Clause c : segmenter.clauses(t, Segmenter.sections(t), false)) {
                        clauses.add(c.text());
                    }
                    pages.add(t.text());
                    StringBuilder page = new StringBuilder();
                    int paragraphs = 0;
                    for (Block b : t.blocks()) {
                        page.append(b.text(t.text())).append('\n');
                        if (b.kind() != Block.Kind.HEADING && ++paragraphs == 12) {
                            pages.add(page.toString());
                            page.setLength(0);
                            paragraphs = 0;
                        }
                    }
                }
            }
        }
        TokenizerME stockTokenizer = new TokenizerME(models.tokens());
        CachingTokenizer tokenizer = new CachingTokenizer(models.tokens());
        List<String[]> words = new ArrayList<>();
        int tokenDiffs = 0;
        for (String c : clauses) {
            Span[] spans = stockTokenizer.tokenizePos(c);
            tokenDiffs += Arrays.equals(spans, tokenizer.tokenizePos(c)) ? 0 : 1;
            words.add(Span.spansToStrings(spans, c));
        }
        long tokens = words.stream().mapToLong(w -> w.length).sum();
        GreedyPosTagger openNlpTagger = GreedyPosTagger.onOpenNlpPath(models.pos());
        GreedyPosTagger tagger = new GreedyPosTagger(models.pos());
        long tagDiffs = 0;
        for (String[] w : words) {
            String[] a = openNlpTagger.tag(w);
            String[] b = tagger.tag(w);
            for (int i = 0; i < a.length; i++) {
                tagDiffs += a[i].equals(b[i]) ? 0 : 1;
            }
        }
        LanguageIdentifier openNlpLanguage = LanguageIdentifier.onOpenNlpPath(models);
        LanguageIdentifier language = new LanguageIdentifier(models);
        int languageDiffs = 0;
        for (String p : pages) {
            languageDiffs += openNlpLanguage.detect(p).equals(language.detect(p)) ? 0 : 1;
        }
        System.out.printf("%d clauses, %d tokens, %d pages%n", clauses.size(), tokens, pages.size());
        System.out.printf("differences: tokenization %d clauses, tags %d tokens, language %d pages%n", tokenDiffs,
                tagDiffs, languageDiffs);
        report("tokenize (per token)", tokens, c -> stockTokenizer.tokenizePos(c), c -> tokenizer.tokenizePos(c),
                clauses);
        report("POS-tag (per token)", tokens, w -> openNlpTagger.tag(w), w -> tagger.tag(w), words);
        report("language (per page)", pages.size(), p -> openNlpLanguage.detect(p), p -> language.detect(p), pages);
    }

    private static <T> void report(String what, long units, Consumer<T> openNlp, Consumer<T> fast, List<T> items) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long[] cpu = new long[2];
        for (int round = 0; round < 6; round++) {
            for (int side = 0; side < 2; side++) {
                long t0 = mx.getCurrentThreadCpuTime();
                for (T item : items) {
                    (side == 0 ? openNlp : fast).accept(item);
                }
                if (round >= 2) {
                    cpu[side] += mx.getCurrentThreadCpuTime() - t0;
                }
            }
        }
        System.out.printf("%-21s OpenNLP path %8.0f ns, fast path %8.0f ns: %.2fx less CPU (%.2f s vs %.2f s)%n",
                what, cpu[0] / 4.0 / units, cpu[1] / 4.0 / units, (double) cpu[0] / cpu[1], cpu[0] / 1e9,
                cpu[1] / 1e9);
    }
}
