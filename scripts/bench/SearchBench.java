import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.FSDirectory;
import org.policyminer.PolicyMiner;
import org.policyminer.PolicyMinerException;
import org.policyminer.doc.AnnotatedDocument;
import org.policyminer.doc.Clause;
import org.policyminer.index.ClauseIndexer;
import org.policyminer.ingest.Inputs;
import org.policyminer.search.ClauseSearcher;
import org.policyminer.search.SearchRequest;

/**
 * Benchmark of the search index (run by scripts/bench-search): annotates the dev policies and the bundled corpus
 * once, replicates the annotated policies (each copy distinct) to at least the target number of clauses, and
 * measures indexing throughput, index size and query latency, each against a raw Lucene baseline measured in the
 * same run. Annotation is excluded from the indexing figures.
 */
public final class SearchBench {

    public static void main(String[] args) throws Exception {
        Path policies = Path.of(args[0]);
        Path corpus = Path.of(args[1]);
        Path work = Path.of(args[2]);
        long target = Long.parseLong(args[3]);
        int threads = Integer.parseInt(args[4]);

        // BENCH_REUSE=1 (with BENCH_WORK and BENCH_KEEP=1 on an earlier run) searches the indexes that run left in
        // the work folder, skipping annotation and indexing: for comparing search changes on the same index.
        Path pmDir = work.resolve("policyminer-index");
        Path baseDir = work.resolve("baseline-index");
        Path idsFile = work.resolve("query-doc-ids.txt");
        List<String> queryDocs;
        if ("1".equals(System.getenv("BENCH_REUSE")) && Files.exists(idsFile)) {
            org.policyminer.index.IndexSchema.quietLucene();
            queryDocs = Files.readAllLines(idsFile);
            System.out.printf(Locale.ROOT, "load average at start: %s%n", loadAverage());
            System.out.println("reusing the indexes in " + work + " (no annotation or indexing figures)");
        } else {
            queryDocs = build(policies, corpus, work, target, threads, baseDir, pmDir);
            Files.write(idsFile, queryDocs);
        }
        search(queryDocs.get(0), queryDocs.get(1), pmDir, baseDir);
    }

    /** Annotates, replicates and indexes the corpus twice (baseline, policyminer); returns two policy ids to query. */
    private static List<String> build(Path policies, Path corpus, Path work, long target, int threads, Path baseDir,
                                      Path pmDir) throws Exception {
        // 1. Annotate once (not timed in the indexing figures).
        org.policyminer.index.IndexSchema.quietLucene();
        // One file per policy: the crawled HTML page, or the plain-text copy when there is no page.
        Map<String, Path> byPolicy = new java.util.TreeMap<>();
        try (Stream<Path> s = Files.list(policies)) {
            s.filter(p -> p.toString().endsWith(".html") || p.toString().endsWith(".txt")).sorted().forEach(p -> {
                // Files are named <policy number>_<host>.<ext>; the host differs between some .html and .txt pairs.
                String stem = p.getFileName().toString().replaceFirst("_.*", "");
                if (p.toString().endsWith(".html") || !byPolicy.containsKey(stem)) {
                    byPolicy.put(stem, p);
                }
            });
        }
        List<String> inputs = new ArrayList<>();
        byPolicy.values().forEach(p -> inputs.add(p.toString()));
        int devPolicies = inputs.size();
        inputs.add(corpus.toString());
        List<Inputs.Item> items = Inputs.expand(inputs, 20_000_000, System.in);
        PolicyMiner miner = PolicyMiner.builder().tokens(false).build();
        long t0 = System.nanoTime();
        List<AnnotatedDocument> originals = annotate(miner, items, threads);
        // A page the cleaner cannot read yet is taken from the plain-text copy of the same policy, so that all
        // dev policies are in the index.
        java.util.Set<String> done = new java.util.HashSet<>();
        originals.forEach(d -> done.add(d.docId()));
        List<String> fallback = new ArrayList<>();
        for (Inputs.Item item : items) {
            Path txt = Path.of(item.location().replaceFirst("\\.html$", ".txt"));
            if (!done.contains(item.docId()) && item.location().endsWith(".html") && Files.exists(txt)) {
                fallback.add(txt.toString());
            }
        }
        if (!fallback.isEmpty()) {
            List<AnnotatedDocument> more = annotate(miner, Inputs.expand(fallback, 20_000_000, System.in), threads);
            System.out.printf(Locale.ROOT, "%d HTML pages had no clauses; their .txt copies gave %d more policies%n",
                    fallback.size(), more.size());
            originals.addAll(more);
        }
        double annotateSeconds = (System.nanoTime() - t0) / 1e9;
        long originalClauses = originals.stream().mapToLong(d -> d.clauses().size()).sum();
        System.out.printf(Locale.ROOT, "load average at start: %s%n", loadAverage());
        System.out.printf(Locale.ROOT, "annotated %d inputs (%d dev policies + the corpus) -> %d policies, %d clauses in %.1f s (excluded below)%n",
                items.size(), devPolicies, originals.size(), originalClauses, annotateSeconds);

        // 2. The originals plus distinct copies up to the target: every clause of copy k carries the token "copyk".
        List<AnnotatedDocument> docs = new ArrayList<>(originals);
        long clauses = originalClauses;
        for (int k = 1; clauses < target; k++) {
            for (AnnotatedDocument d : originals) {
                AnnotatedDocument c = copy(d, k);
                docs.add(c);
                clauses += c.clauses().size();
            }
        }
        System.out.printf(Locale.ROOT, "corpus to index: %d policies, %d clauses (originals and copies)%n", docs.size(), clauses);

        // 3. Indexing: baseline (raw IndexWriter, one text field) then policyminer's ClauseIndexer, same threads and buffer.
        double[] baseRate = indexBaseline(docs, baseDir, threads, clauses);
        double[] pmRate = indexPolicyminer(docs, pmDir, threads, clauses);
        System.out.printf(Locale.ROOT, "indexing (wall clock, includes the final commit): baseline %,.0f clauses/s, policyminer %,.0f clauses/s (ratio %.2f)%n",
                baseRate[0], pmRate[0], pmRate[0] / baseRate[0]);
        System.out.printf(Locale.ROOT, "indexing per CPU-second of this process (robust to other load on the machine): baseline %,.0f, policyminer %,.0f clauses (ratio %.2f)%n",
                baseRate[1], pmRate[1], pmRate[1] / baseRate[1]);
        long baseSize = size(baseDir);
        long pmSize = size(pmDir);
        System.out.printf(Locale.ROOT, "index size: baseline %.1f MB, policyminer %.1f MB (ratio %.2f; stored text and metadata, exact field, facets)%n",
                baseSize / 1e6, pmSize / 1e6, (double) pmSize / baseSize);
        return List.of(originals.get(0).docId(), originals.get(originals.size() / 2).docId());
    }

    /** Query latency over a fixed mixed set, against the raw-Lucene baseline on the term and phrase queries. */
    private static void search(String docA, String docB, Path pmDir, Path baseDir) throws Exception {
        List<Query> queries = queries(docA, docB);
        System.out.printf(Locale.ROOT, "queries: %d (%s)%n", queries.size(), kinds(queries));
        try (ClauseSearcher searcher = ClauseSearcher.open(pmDir);
             DirectoryReader baseReader = DirectoryReader.open(FSDirectory.open(baseDir))) {
            IndexSearcher base = new IndexSearcher(baseReader);
            QueryParser baseParser = new QueryParser("text", new StandardAnalyzer());
            for (int warm = 0; warm < 3; warm++) {
                for (Query q : queries) {
                    searcher.search(q.request);
                    if (q.baseline != null) {
                        base.search(baseParser.parse(q.baseline), 10);
                    }
                }
            }
            Map<String, List<Double>> byKind = new LinkedHashMap<>();
            List<Double> all = new ArrayList<>();
            List<Double> baseAll = new ArrayList<>();
            List<Double> pmComparable = new ArrayList<>();
            long totalHits = 0;
            double[] bestPm = new double[queries.size()];
            double[] bestBase = new double[queries.size()];
            Arrays.fill(bestPm, Double.MAX_VALUE);
            Arrays.fill(bestBase, Double.MAX_VALUE);
            // CPU time of the whole process (search threads included) per search: less sensitive than wall-clock
            // latency to the other jobs on the machine.
            double pmCpu = 0;
            double baseCpu = 0;
            double[] queryCpu = new double[queries.size()];
            for (int pass = 0; pass < 5; pass++) {
                for (int qi = 0; qi < queries.size(); qi++) {
                    Query q = queries.get(qi);
                    double c = cpuSeconds();
                    long s = System.nanoTime();
                    totalHits += searcher.search(q.request).total();
                    double ms = (System.nanoTime() - s) / 1e6;
                    double used = cpuSeconds() - c;
                    pmCpu += used;
                    queryCpu[qi] += used;
                    bestPm[qi] = Math.min(bestPm[qi], ms);
                    all.add(ms);
                    byKind.computeIfAbsent(q.kind, k -> new ArrayList<>()).add(ms);
                    if (q.baseline != null) {
                        pmComparable.add(ms);
                        c = cpuSeconds();
                        s = System.nanoTime();
                        base.search(baseParser.parse(q.baseline), 10);
                        double bms = (System.nanoTime() - s) / 1e6;
                        baseCpu += cpuSeconds() - c;
                        baseAll.add(bms);
                        bestBase[qi] = Math.min(bestBase[qi], bms);
                    }
                }
            }
            System.out.printf(Locale.ROOT, "latency over %d searches (5 passes, after 3 warm-up passes; each with facets, 10 highlighted hits or groups): p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                    all.size(), pct(all, 50), pct(all, 99), pct(all, 100));
            for (Map.Entry<String, List<Double>> e : byKind.entrySet()) {
                System.out.printf(Locale.ROOT, "  %-10s p50 %6.2f ms  p99 %6.2f ms%n", e.getKey(), pct(e.getValue(), 50), pct(e.getValue(), 99));
            }
            System.out.printf(Locale.ROOT, "baseline (raw IndexSearcher, top 10, no facets/highlight/stored fields) on the term and phrase queries: p50 %.2f ms, p99 %.2f ms; policyminer on the same queries p50 %.2f ms, p99 %.2f ms (p99 ratio %.1f)%n",
                    pct(baseAll, 50), pct(baseAll, 99), pct(pmComparable, 50), pct(pmComparable, 99), pct(pmComparable, 99) / pct(baseAll, 99));
            List<Double> best = new ArrayList<>();
            List<Double> bestComparable = new ArrayList<>();
            List<Double> bestBaseline = new ArrayList<>();
            for (int qi = 0; qi < queries.size(); qi++) {
                best.add(bestPm[qi]);
                if (queries.get(qi).baseline != null) {
                    bestComparable.add(bestPm[qi]);
                    bestBaseline.add(bestBase[qi]);
                }
            }
            System.out.printf(Locale.ROOT, "best of 5 passes per query (less sensitive to other load on the machine): p50 %.2f ms, p99 %.2f ms over the %d queries; term and phrase queries: policyminer p50 %.2f / p99 %.2f ms, baseline p50 %.2f / p99 %.2f ms%n",
                    pct(best, 50), pct(best, 99), best.size(), pct(bestComparable, 50), pct(bestComparable, 99),
                    pct(bestBaseline, 50), pct(bestBaseline, 99));
            System.out.printf(Locale.ROOT, "process CPU per search: policyminer %.2f ms over all %d searches; baseline %.2f ms per term or phrase search%n",
                    pmCpu * 1000 / all.size(), all.size(), baseCpu * 1000 / baseAll.size());
            // The tail by cost, not by wall clock (which mostly measures waiting for a core on a busy machine).
            Integer[] order = new Integer[queries.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -queryCpu[i]));
            System.out.println("slowest queries by process CPU per search (mean of 5 passes; best-of-5 wall clock):");
            for (int i = 0; i < Math.min(15, order.length); i++) {
                Query q = queries.get(order[i]);
                System.out.printf(Locale.ROOT, "  %7.2f ms CPU  %7.2f ms  %-10s %s%n", queryCpu[order[i]] * 1000 / 5,
                        bestPm[order[i]], q.kind, describe(q.request));
            }
            System.out.println("(sum of totals, to keep the searches honest: " + totalHits + ")");
            System.out.printf(Locale.ROOT, "load average at end: %s%n", loadAverage());
        }
    }

    private static List<AnnotatedDocument> annotate(PolicyMiner miner, List<Inputs.Item> items, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<AnnotatedDocument>> futures = new ArrayList<>();
        for (Inputs.Item item : items) {
            futures.add(pool.submit(() -> {
                try {
                    return miner.annotate(item.load());
                } catch (PolicyMinerException | RuntimeException e) {
                    System.err.println("skipped " + item.location() + ": " + e.getMessage());
                    return null;
                }
            }));
        }
        List<AnnotatedDocument> out = new ArrayList<>();
        for (Future<AnnotatedDocument> f : futures) {
            AnnotatedDocument d = f.get();
            if (d != null && !d.clauses().isEmpty()) {
                out.add(d);
            }
        }
        pool.shutdown();
        return out;
    }

    private static AnnotatedDocument copy(AnnotatedDocument d, int k) {
        String token = " copy" + k;
        List<Clause> clauses = new ArrayList<>(d.clauses().size());
        for (Clause c : d.clauses()) {
            clauses.add(new Clause(c.id(), c.start(), c.end(), c.text() + token, c.sectionId(), c.sectionPath(), c.kind(),
                    c.leadInId(), c.tokens(), c.scores(), c.categories()));
        }
        return new AnnotatedDocument("copy" + k + "/" + d.docId(), d.source(), d.title() == null ? null : d.title() + token,
                d.format(), d.charset(), d.language(), d.contentHash() + "-" + k, d.status(), d.text(), d.blocks(),
                d.sections(), clauses);
    }

    private static double cpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    private static double[] indexBaseline(List<AnnotatedDocument> docs, Path dir, int threads, long clauses) throws Exception {
        try (FSDirectory directory = FSDirectory.open(dir);
             IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(new StandardAnalyzer())
                     .setOpenMode(IndexWriterConfig.OpenMode.CREATE).setRAMBufferSizeMB(256))) {
            long t = System.nanoTime();
            double cpu = cpuSeconds();
            parallel(docs, threads, d -> {
                for (Clause c : d.clauses()) {
                    Document doc = new Document();
                    doc.add(new TextField("text", c.text(), Field.Store.NO));
                    writer.addDocument(doc);
                }
            });
            writer.commit();
            return new double[]{clauses / ((System.nanoTime() - t) / 1e9), clauses / (cpuSeconds() - cpu)};
        }
    }

    private static double[] indexPolicyminer(List<AnnotatedDocument> docs, Path dir, int threads, long clauses) throws Exception {
        try (ClauseIndexer indexer = ClauseIndexer.open(dir, 256)) {
            long t = System.nanoTime();
            double cpu = cpuSeconds();
            parallel(docs, threads, indexer::index);
            indexer.commit();
            return new double[]{clauses / ((System.nanoTime() - t) / 1e9), clauses / (cpuSeconds() - cpu)};
        }
    }

    private interface DocTask {
        void run(AnnotatedDocument d) throws IOException;
    }

    private static void parallel(List<AnnotatedDocument> docs, int threads, DocTask task) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> fs = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            fs.add(pool.submit(() -> {
                for (int j = next.getAndIncrement(); j < docs.size(); j = next.getAndIncrement()) {
                    task.run(docs.get(j));
                }
                return null;
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        pool.shutdown();
    }

    private record Query(String kind, SearchRequest request, String baseline) {
    }

    /** A fixed, mixed set: terms, phrases, boolean, fields, category filters, one-policy filters, grouping, prefixes. */
    private static List<Query> queries(String docA, String docB) {
        String[] terms = {"cookies", "retain", "children", "encryption", "advertising", "delete", "california", "consent",
                "location", "partners", "affiliates", "email", "security", "access", "correct", "opt", "unsubscribe",
                "marketing", "analytics", "transfer", "court", "law", "minors", "password", "ip", "browser", "beacons",
                "facebook", "google", "payment", "credit", "newsletter", "survey", "contest", "merger", "bankruptcy",
                "notify", "changes", "contact", "address", "phone", "device", "mobile", "track", "signals", "years",
                "period", "necessary", "anonymous", "aggregate", "sell", "rent", "disclose", "protect", "safeguards",
                "breach", "europe", "shield", "parents", "thirteen"};
        String[] phrases = {"personal information", "third parties", "opt out", "do not track", "parental consent",
                "as long as necessary", "privacy policy", "email address", "ip address", "social media", "web beacons",
                "credit card", "california residents", "your consent", "we may share", "service providers",
                "legal obligations", "business transfer", "children under 13", "access your information",
                "update your information", "security measures", "reasonable steps", "unsubscribe link",
                "third party advertisers", "law enforcement", "mobile device", "location information",
                "aggregate information", "we do not sell", "google analytics", "interest based advertising",
                "delete your account", "data retention", "changes to this policy", "contact us",
                "privacy shield", "european economic area", "legitimate interest", "right to object"};
        String[][] filtered = {{"retain", "retention"}, {"years", "retention"}, {"delete", "retention"},
                {"share", "sharing"}, {"partners", "sharing"}, {"advertisers", "sharing"}, {"cookies", "choice"},
                {"opt", "choice"}, {"unsubscribe", "choice"}, {"access", "rights"}, {"correct", "rights"},
                {"delete", "rights"}, {"encryption", "security"}, {"protect", "security"}, {"ssl", "security"},
                {"children", "children"}, {"parents", "children"}, {"13", "children"}, {"california", "audiences"},
                {"residents", "audiences"}, {"transfer", "international-transfer"}, {"countries", "international-transfer"},
                {"consent", "legal-basis"}, {"interest", "legal-basis"}, {"changes", "policy-change"},
                {"notify", "policy-change"}, {"signals", "do-not-track"}, {"email", "contact"}, {"address", "contact"},
                {"information", "data-collected"}, {"collect", "data-collected"}, {"device", "data-collected"},
                {"cookies", "data-collected"}, {"location", "data-collected"}, {"\"third parties\"", "sharing"},
                {"\"opt out\"", "choice"}, {"\"personal information\"", "security"}, {"law", "sharing"},
                {"data", "retention"}, {"\"do not track\"", "do-not-track"}};
        String[] fielded = {"category:retention AND years", "category:children AND consent", "category:sharing AND facebook",
                "section:cookies", "section:security AND encryption", "section:children", "section:retention",
                "section:california AND rights", "category:security OR category:retention", "section:contact AND email",
                "category:choice AND cookies", "section:changes", "category:rights AND delete", "section:sharing AND partners",
                "category:do-not-track", "section:\"do not track\"", "category:audiences AND california",
                "section:advertising AND cookies", "category:international-transfer", "section:information AND collect"};
        String[] bool = {"cookies AND advertising", "retain AND years NOT cookies", "children OR minors", "share AND NOT sell",
                "(email OR phone) AND address", "encryption AND (ssl OR tls)", "delete AND account", "facebook OR google OR twitter",
                "opt AND out AND marketing", "law AND enforcement", "+consent +withdraw", "\"third parties\" AND advertising",
                "location AND mobile", "california AND \"do not track\"", "transfer AND (europe OR eu)", "sell OR rent OR trade",
                "password AND security", "analytics AND cookies NOT google", "notify AND changes", "court OR subpoena"};
        String[] prefix = {"advertis*", "retent*", "encrypt*", "unsubscrib*", "californ*", "track*", "child*", "shar*",
                "delet*", "secur*"};
        String[] grouped = {"cookies", "retain", "children", "\"third parties\"", "encryption", "\"do not track\"", "california",
                "facebook", "consent", "delete", "advertising", "\"opt out\"", "location", "sell", "transfer", "email",
                "analytics", "minors", "breach", "\"personal information\""};
        List<Query> q = new ArrayList<>();
        for (String t : terms) {
            q.add(new Query("term", SearchRequest.of(t), t));
        }
        for (String p : phrases) {
            q.add(new Query("phrase", SearchRequest.of("\"" + p + "\""), "\"" + p + "\""));
        }
        for (String[] f : filtered) {
            q.add(new Query("filtered", SearchRequest.of(f[0]).withCategories(f[1]), null));
        }
        for (String f : fielded) {
            q.add(new Query("fielded", SearchRequest.of(f), null));
        }
        for (String b : bool) {
            q.add(new Query("boolean", SearchRequest.of(b), null));
        }
        for (String p : prefix) {
            q.add(new Query("prefix", SearchRequest.of(p), null));
        }
        for (String g : grouped) {
            q.add(new Query("grouped", SearchRequest.of(g).groupedByDoc(true), null));
        }
        String[] inDoc = {"cookies", "retain", "share", "children", "security", "", "contact", "delete", "opt", "\"personal information\""};
        for (int i = 0; i < inDoc.length; i++) {
            q.add(new Query("one-policy", SearchRequest.of(inDoc[i]).withDoc(i % 2 == 0 ? docA : docB), null));
        }
        q.add(new Query("browse", SearchRequest.of(""), null));
        q.add(new Query("browse", SearchRequest.of("").withCategories("retention"), null));
        return q;
    }

    private static String describe(SearchRequest r) {
        return "'" + r.query() + "'" + (r.categories().isEmpty() ? "" : " category " + r.categories())
                + (r.docId() == null ? "" : " doc") + (r.groupByDoc() ? " grouped" : "");
    }

    private static String kinds(List<Query> queries) {
        Map<String, Integer> n = new LinkedHashMap<>();
        queries.forEach(q -> n.merge(q.kind, 1, Integer::sum));
        return n.toString();
    }

    private static double pct(List<Double> values, double p) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        int i = (int) Math.ceil(p / 100.0 * v.length) - 1;
        return v[Math.max(0, Math.min(v.length - 1, i))];
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
