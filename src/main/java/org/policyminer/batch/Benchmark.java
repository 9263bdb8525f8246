package org.policyminer.batch;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import opennlp.tools.postag.POSModel;
import opennlp.tools.postag.POSTaggerME;
import opennlp.tools.sentdetect.SentenceDetectorME;
import opennlp.tools.sentdetect.SentenceModel;
import opennlp.tools.tokenize.TokenizerME;
import opennlp.tools.tokenize.TokenizerModel;
import org.policyminer.PolicyMiner;
import org.policyminer.PolicyMinerException;
import org.policyminer.ingest.Inputs;
import org.policyminer.ingest.Source;
import org.policyminer.segment.NlpModels;

/**
 * Throughput benchmark behind {@code scripts/bench-batch}: the full pipeline (HTML in, CSV/JSONL out, tokens and POS
 * tags on, all worker threads) against, in the same process, the stock OpenNLP chain (SentenceDetectorME,
 * TokenizerME, POSTaggerME with the models' default settings, one thread) over the same clean text.
 *
 * <p>Usage: {@code Benchmark [--docs N] [--warc] [--pages B] [--threads N] [--warm-up N] [--work DIR] [--agreement N]
 * [--no-baseline] FOLDER...}. With {@code --docs}, the input files are copied round-robin until there are N of them,
 * each copy made distinct by a sentence of its own so that duplicate detection does not shortcut the work; with
 * {@code --warc} the copies go into one WARC.gz file, read as a crawl is; {@code --pages B} first cuts every
 * input into short pages of B paragraphs (many small documents of real policy text).
 *
 * <p>Besides throughput, each measured run prints where its CPU time went: by thread kind (the application's,
 * garbage collection, JIT compilers; see {@link JvmThreads}) and, for the pipeline, by stage (clean, annotate,
 * render, commit). Before each measured run the benchmark waits for the JIT compilers to finish what the warm-up
 * queued, so that neither side is charged the other's compilations.
 */
public final class Benchmark {

    /** Documents both sides run before they are measured, unless {@code --warm-up} says otherwise. */
    private static final int WARM_UP = 150;

    private Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        int docs = 0;
        int threads = Runtime.getRuntime().availableProcessors();
        int agreementDocs = 0;
        boolean baseline = true;
        boolean warc = false;
        boolean prepareOnly = false;
        int pageBlocks = 0;
        int warmUp = WARM_UP;
        Path work = Files.createTempDirectory("policyminer-bench");
        List<Path> folders = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--docs" -> docs = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--work" -> work = Path.of(args[++i]);
                case "--agreement" -> agreementDocs = Integer.parseInt(args[++i]);
                case "--no-baseline" -> baseline = false;
                case "--warc" -> warc = true;
                case "--prepare-only" -> prepareOnly = true;
                case "--pages" -> pageBlocks = Integer.parseInt(args[++i]);
                case "--warm-up" -> warmUp = Integer.parseInt(args[++i]);
                default -> folders.add(Path.of(args[i]));
            }
        }
        List<Path> files = new ArrayList<>();
        for (Path f : folders) {
            try (Stream<Path> s = Files.walk(f)) {
                s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).sorted()
                        .forEach(files::add);
            }
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no input files in " + folders);
        }
        if (pageBlocks > 0) {
            files = pages(files, pageBlocks, work.resolve("pages"));
        }
        if (warc && docs <= 0) {
            docs = files.size();
        }
        Path input = docs <= 0 ? null : warc ? replicateWarc(files, docs, work.resolve("input.warc.gz"))
                : replicate(files, docs, work.resolve("input"));
        if (input != null) {
            System.out.printf(Locale.ROOT, "input: %d documents made from %d files into %s (%.0f MB)%n", docs,
                    files.size(), input, size(input) / 1e6);
        }
        if (prepareOnly) {
            return;
        }
        List<String> inputArgs = input != null ? List.of(input.toString())
                : folders.stream().map(Path::toString).toList();

        long loadStart = System.nanoTime();
        PolicyMiner miner = PolicyMiner.builder().tokens(true).build();
        System.out.printf(Locale.ROOT, "models loaded in %.1f s%n", (System.nanoTime() - loadStart) / 1e9);

        // Warm both code paths up on the same documents, so that neither side pays the JIT alone.
        List<String> warm = cleanTexts(miner, inputArgs, warmUp);
        runPipeline(miner, inputArgs, threads, work.resolve("warmup"), warmUp);
        Stock stock = new Stock();
        stock.run(warm);

        settle();

        Path out = work.resolve("out");
        long t0 = System.nanoTime();
        long c0 = cpuNanos();
        JvmThreads.Snapshot j0 = JvmThreads.snapshot();
        BatchAnnotator.Summary s = runPipeline(miner, inputArgs, threads, out, Integer.MAX_VALUE);
        double pipelineSeconds = (System.nanoTime() - t0) / 1e9;
        double pipelineCpu = (cpuNanos() - c0) / 1e9;
        String pipelineThreads = JvmThreads.snapshot().since(j0, pipelineCpu);
        long tokens = countTokens(out.resolve("clauses.jsonl"));
        long peakAfterPipeline = peakRssKb();
        int processed = s.documents() + s.skipped() + s.duplicates();
        report("pipeline (" + threads + " threads)", processed, s.clauses(), tokens, pipelineSeconds);
        System.out.printf(Locale.ROOT, "  %s%n", s.describe());
        System.out.printf(Locale.ROOT, "  peak RSS after pipeline: %.0f MB; CPU time %.1f s (%.2f documents per CPU-second)%n",
                peakAfterPipeline / 1024.0, pipelineCpu, processed / pipelineCpu);
        System.out.printf(Locale.ROOT, "  CPU by thread: %s%n", pipelineThreads);
        System.out.printf(Locale.ROOT, "  CPU by stage (workers and committer): %s%n", s.cpu().describe());

        if (baseline) {
            List<String> texts = cleanTexts(miner, inputArgs, Integer.MAX_VALUE);
            settle();
            long b0 = System.nanoTime();
            long bc0 = cpuNanos();
            JvmThreads.Snapshot bj0 = JvmThreads.snapshot();
            long[] counts = stock.run(texts);
            double stockSeconds = (System.nanoTime() - b0) / 1e9;
            double stockCpu = (cpuNanos() - bc0) / 1e9;
            String stockThreads = JvmThreads.snapshot().since(bj0, stockCpu);
            report("stock OpenNLP chain (1 thread)", texts.size(), counts[0], counts[1], stockSeconds);
            System.out.printf(Locale.ROOT, "  CPU time %.1f s (%.2f documents per CPU-second)%n", stockCpu,
                    texts.size() / stockCpu);
            System.out.printf(Locale.ROOT, "  CPU by thread: %s%n", stockThreads);
            // Other jobs on a shared machine change wall-clock figures from one minute to the next; CPU time is
            // steadier, and times the cores a dedicated machine would give the pipeline bounds its speed-up.
            double perCpu = (processed / pipelineCpu) / (texts.size() / stockCpu);
            System.out.printf(Locale.ROOT, "per CPU-second, pipeline / stock: %.2fx; with %d threads on %d dedicated "
                    + "cores at most %.2fx%n", perCpu, threads, Runtime.getRuntime().availableProcessors(),
                    perCpu * Math.min(threads, Runtime.getRuntime().availableProcessors()));
            System.out.printf(Locale.ROOT, "speed-up (documents/s, pipeline / stock): %.2fx%n",
                    (processed / pipelineSeconds) / (texts.size() / stockSeconds));
            System.out.printf(Locale.ROOT, "speed-up (tokens/s, pipeline / stock): %.2fx%n",
                    (tokens / pipelineSeconds) / (counts[1] / stockSeconds));
        }
        if (agreementDocs > 0) {
            agreement(cleanTexts(miner, inputArgs, agreementDocs));
        }
        System.out.printf(Locale.ROOT, "peak RSS of the whole run: %.0f MB%n", peakRssKb() / 1024.0);
    }

    /**
     * Waits (at most {@link #SETTLE_MAX_SECONDS}) until the JIT compilers have been idle for a moment: what the
     * warm-up queued for compilation is then not charged to the next measured run (the stock chain's warm-up
     * compilations used to land in the pipeline's CPU time). Prints how long it waited.
     */
    private static void settle() throws InterruptedException {
        java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
            return;
        }
        long start = System.nanoTime();
        long last = jit.getTotalCompilationTime();
        int quiet = 0;
        while (quiet < 5 && System.nanoTime() - start < SETTLE_MAX_SECONDS * 1_000_000_000L) {
            Thread.sleep(100);
            long now = jit.getTotalCompilationTime();
            quiet = now == last ? quiet + 1 : 0;
            last = now;
        }
        System.out.printf(Locale.ROOT, "  (waited %.1f s for the JIT compilers to finish the warm-up's work)%n",
                (System.nanoTime() - start) / 1e9);
    }

    private static final int SETTLE_MAX_SECONDS = 20;

    private static void report(String what, long docs, long clauses, long tokens, double seconds) {
        System.out.printf(Locale.ROOT, "%-34s %6d docs %8d clauses %9d tokens in %7.1f s: %7.2f docs/s %8.1f clauses/s %9.0f tokens/s%n",
                what, docs, clauses, tokens, seconds, docs / seconds, clauses / seconds, tokens / seconds);
    }

    private static BatchAnnotator.Summary runPipeline(PolicyMiner miner, List<String> inputs, int threads, Path out,
                                                      int limit) throws IOException {
        InputStream none = new ByteArrayInputStream(new byte[0]);
        try (Inputs.Cursor all = Inputs.open(inputs, 20_000_000, none)) {
            Inputs.Cursor cursor = all;
            if (limit < Integer.MAX_VALUE) {
                Path sample = Files.createDirectories(out.resolveSibling(out.getFileName() + "-input"));
                for (int i = 0; i < limit && all.hasNext(); i++) {
                    Inputs.Item item = all.next();
                    try {
                        Files.write(sample.resolve(String.format("%05d.html", i)), item.load().bytes());
                    } catch (PolicyMinerException e) {
                        // Unreadable inputs are part of the measured run, not of the warm-up.
                    }
                }
                cursor = Inputs.open(List.of(sample.toString()), 20_000_000, none);
            }
            return BatchAnnotator.builder(miner).threads(threads).tokens(true).build().run(cursor, out, st -> {
            });
        }
    }

    /** The clean text of the first {@code limit} inputs, as the stock chain gets it. */
    private static List<String> cleanTexts(PolicyMiner miner, List<String> inputs, int limit) {
        List<String> texts = new ArrayList<>();
        try (Inputs.Cursor c = Inputs.open(inputs, 20_000_000, new ByteArrayInputStream(new byte[0]))) {
            while (c.hasNext() && texts.size() < limit) {
                try {
                    texts.add(miner.clean(c.next().load()).text().text());
                } catch (PolicyMinerException e) {
                    // Skipped by the pipeline too.
                }
            }
        }
        return texts;
    }

    /** The stock chain with the bundled models and their default settings (beam size 3 for POS tags). */
    static final class Stock {
        final SentenceDetectorME sentences;
        final TokenizerME tokenizer;
        final POSTaggerME tagger;

        Stock() throws IOException {
            sentences = new SentenceDetectorME(new SentenceModel(resource("/opennlp-en-ud-ewt-sentence-1.3-2.5.4.bin")));
            tokenizer = new TokenizerME(new TokenizerModel(resource("/opennlp-en-ud-ewt-tokens-1.3-2.5.4.bin")));
            tagger = new POSTaggerME(new POSModel(resource("/opennlp-en-ud-ewt-pos-1.3-2.5.4.bin")));
        }

        /** Returns {sentences, tokens}. */
        long[] run(List<String> texts) {
            long sentenceCount = 0;
            long tokenCount = 0;
            for (String text : texts) {
                for (String sentence : sentences.sentDetect(text)) {
                    String[] tokens = tokenizer.tokenize(sentence);
                    tagger.tag(tokens);
                    sentenceCount++;
                    tokenCount += tokens.length;
                }
            }
            return new long[] {sentenceCount, tokenCount};
        }
    }

    /** How often the pipeline's POS tagger agrees with the stock one (beam size 3) on the same tokens. */
    private static void agreement(List<String> texts) throws IOException {
        Stock stock = new Stock();
        NlpModels fast = NlpModels.load();
        org.policyminer.segment.GreedyPosTagger ours = new org.policyminer.segment.GreedyPosTagger(fast.pos());
        TokenizerME ourTokenizer = new TokenizerME(fast.tokens());
        long sameTokenization = 0;
        long same = 0;
        long all = 0;
        long sentencesSame = 0;
        long sentences = 0;
        for (String text : texts) {
            for (String sentence : stock.sentences.sentDetect(text)) {
                String[] tokens = stock.tokenizer.tokenize(sentence);
                sameTokenization += java.util.Arrays.equals(tokens, ourTokenizer.tokenize(sentence)) ? 1 : 0;
                String[] a = stock.tagger.tag(tokens);
                String[] b = ours.tag(tokens);
                boolean allSame = true;
                for (int i = 0; i < a.length; i++) {
                    if (a[i].equals(b[i])) {
                        same++;
                    } else {
                        allSame = false;
                    }
                }
                all += a.length;
                sentences++;
                sentencesSame += allSame ? 1 : 0;
            }
        }
        System.out.printf(Locale.ROOT, "POS agreement with the stock tagger on %d documents: %.2f%% of %d tokens, "
                + "%.1f%% of %d sentences tagged identically%n", texts.size(), 100.0 * same / all, all,
                100.0 * sentencesSame / sentences, sentences);
        System.out.printf(Locale.ROOT, "tokenization identical to the stock tokenizer's on %.2f%% of %d sentences%n",
                100.0 * sameTokenization / sentences, sentences);
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = Benchmark.class.getResourceAsStream(name);
        if (in == null) {
            throw new IOException("model " + name + " is not on the class path");
        }
        return in;
    }

    /**
     * Cuts every input into short pages of {@code blocks} paragraphs and list items each (with the headings that
     * come before them), written as plain HTML: many small real-text documents from a few long ones.
     */
    static List<Path> pages(List<Path> files, int blocks, Path dir) throws IOException {
        Files.createDirectories(dir);
        PolicyMiner cleaner = PolicyMiner.builder().models(NlpModels.load()).build();
        List<Path> out = new ArrayList<>();
        for (Path f : files) {
            org.policyminer.doc.StructuredText t;
            try {
                t = cleaner.clean(new Source(f.getFileName().toString(), f.toString(), Files.readAllBytes(f), null)).text();
            } catch (PolicyMinerException e) {
                continue;
            }
            StringBuilder page = new StringBuilder();
            int inPage = 0;
            for (org.policyminer.doc.Block b : t.blocks()) {
                String text = org.jsoup.nodes.Entities.escape(b.text(t.text()));
                switch (b.kind()) {
                    case HEADING -> page.append("<h").append(Math.min(6, b.level())).append('>').append(text)
                            .append("</h").append(Math.min(6, b.level())).append(">\n");
                    case LIST_ITEM -> page.append("<ul><li>").append(text).append("</li></ul>\n");
                    case PARAGRAPH -> page.append("<p>").append(text).append("</p>\n");
                }
                if (b.kind() != org.policyminer.doc.Block.Kind.HEADING && ++inPage == blocks) {
                    out.add(writePage(dir, out.size(), page));
                    page.setLength(0);
                    inPage = 0;
                }
            }
            if (inPage > blocks / 2) {
                out.add(writePage(dir, out.size(), page));
            }
        }
        return out;
    }

    private static Path writePage(Path dir, int n, CharSequence body) throws IOException {
        Path p = dir.resolve(String.format("page-%05d.html", n));
        Files.writeString(p, "<!DOCTYPE html><html><head><title>Privacy policy, part " + n + "</title></head><body>\n"
                + body + "</body></html>\n", StandardCharsets.UTF_8);
        return p;
    }

    /** Copies the files round-robin into {@code dir} until there are {@code n}, each copy made distinct. */
    static Path replicate(List<Path> files, int n, Path dir) throws IOException {
        Files.createDirectories(dir);
        for (int i = 0; i < n; i++) {
            Path src = files.get(i % files.size());
            Files.write(dir.resolve(String.format("%06d-%s", i, src.getFileName())), distinct(src, i, files.size()));
        }
        return dir;
    }

    /**
     * Writes the files round-robin as {@code n} HTTP 200 HTML responses (each preceded by its request record, as
     * a crawler writes them) into one gzip-compressed WARC, each copy made distinct.
     */
    static Path replicateWarc(List<Path> files, int n, Path file) throws IOException {
        java.time.Instant date = java.time.Instant.parse("2025-01-01T00:00:00Z");
        try (org.netpreserve.jwarc.WarcWriter w = new org.netpreserve.jwarc.WarcWriter(
                java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.CREATE_NEW,
                        java.nio.file.StandardOpenOption.WRITE), org.netpreserve.jwarc.WarcCompression.GZIP)) {
            for (int i = 0; i < n; i++) {
                Path src = files.get(i % files.size());
                String url = "https://site" + i + ".example/" + src.getFileName();
                w.write(new org.netpreserve.jwarc.WarcRequest.Builder(url).date(date)
                        .body(new org.netpreserve.jwarc.HttpRequest.Builder("GET", "/" + src.getFileName()).build()).build());
                org.netpreserve.jwarc.HttpResponse http = new org.netpreserve.jwarc.HttpResponse.Builder(200, "OK")
                        .body(org.netpreserve.jwarc.MediaType.HTML, distinct(src, i, files.size())).build();
                w.write(new org.netpreserve.jwarc.WarcResponse.Builder(url).date(date).body(http).build());
            }
        }
        return file;
    }

    /** The file's bytes, with a sentence of its own added for every copy after the first. */
    private static byte[] distinct(Path src, int i, int files) throws IOException {
        byte[] bytes = Files.readAllBytes(src);
        int copy = i / files;
        if (copy == 0) {
            return bytes;
        }
        // Inside the last paragraph, so that the cleaner keeps it wherever the page's main content is.
        String marker = " This is copy " + copy + " of the policy, kept under reference " + (i * 7919L)
                + " for the benchmark.";
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int at = text.toLowerCase(Locale.ROOT).lastIndexOf("</p>");
        text = at >= 0 ? text.substring(0, at) + marker + text.substring(at) : text + "\n\n" + marker.trim();
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static long size(Path p) throws IOException {
        if (Files.isRegularFile(p)) {
            return Files.size(p);
        }
        try (Stream<Path> s = Files.walk(p)) {
            return s.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    private static long countTokens(Path clausesJsonl) throws IOException {
        long n = 0;
        byte[] needle = "\"pos\":".getBytes(StandardCharsets.UTF_8);
        try (InputStream in = Files.newInputStream(clausesJsonl)) {
            byte[] buf = new byte[1 << 16];
            int matched = 0;
            for (int r = in.read(buf); r > 0; r = in.read(buf)) {
                for (int i = 0; i < r; i++) {
                    if (buf[i] == needle[matched]) {
                        if (++matched == needle.length) {
                            n++;
                            matched = 0;
                        }
                    } else {
                        matched = buf[i] == needle[0] ? 1 : 0;
                    }
                }
            }
        }
        return n;
    }

    /** CPU time of the whole process (all threads, GC and JIT included). */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Peak resident set size of this process in KiB (Linux), or 0 when unknown. */
    static long peakRssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }
}
