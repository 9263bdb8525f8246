import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import opennlp.tools.langdetect.LanguageDetectorME;
import org.policyminer.clean.Cleaner;
import org.policyminer.doc.Block;
import org.policyminer.doc.StructuredText;
import org.policyminer.ingest.Decoder;
import org.policyminer.segment.LanguageIdentifier;
import org.policyminer.segment.NlpModels;

/**
 * Language detection alone, one thread: the pipeline's sampled detection against the rule it replaced (the
 * first 4,000 characters), on the clean text of every file of the given folders and on 12-paragraph pages cut
 * from them (as {@code bench-batch --pages 12} cuts them). Prints how many decisions differ and the CPU per page
 * of each, over 6 alternating rounds after 2 warm-up rounds.
 */
public class LanguageBench {

    public static void main(String[] args) throws Exception {
        NlpModels models = NlpModels.load();
        LanguageDetectorME old = new LanguageDetectorME(models.language());
        LanguageIdentifier sampled = new LanguageIdentifier(models);
        List<String> whole = new ArrayList<>();
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
                    whole.add(t.text());
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
                    if (!page.isEmpty()) {
                        pages.add(page.toString());
                    }
                }
            }
        }
        System.out.printf("decisions differing: %d of %d documents, %d of %d pages%n", differing(old, sampled, whole),
                whole.size(), differing(old, sampled, pages), pages.size());
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long[] cpu = new long[2];
        for (int round = 0; round < 8; round++) {
            for (int v = 0; v < 2; v++) {
                long t0 = mx.getCurrentThreadCpuTime();
                for (String t : pages) {
                    String lang = v == 0 ? old.predictLanguage(prefix(t)).getLang() : sampled.detect(t);
                    if (lang.isEmpty()) {
                        throw new IllegalStateException();
                    }
                }
                if (round >= 2) {
                    cpu[v] += mx.getCurrentThreadCpuTime() - t0;
                }
            }
        }
        System.out.printf("CPU per page: first 4,000 characters %.3f ms, sampled %.3f ms: %.2fx less%n",
                cpu[0] / 6e6 / pages.size(), cpu[1] / 6e6 / pages.size(), (double) cpu[0] / cpu[1]);
    }

    private static String prefix(String text) {
        return text.substring(0, Math.min(4000, text.length()));
    }

    private static int differing(LanguageDetectorME old, LanguageIdentifier sampled, List<String> texts) {
        int n = 0;
        for (String t : texts) {
            n += old.predictLanguage(prefix(t)).getLang().equals(sampled.detect(t)) ? 0 : 1;
        }
        return n;
    }
}
