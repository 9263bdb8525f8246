package org.policyminer.search;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MultiCollectorManager;
import org.apache.lucene.search.MultiPhraseQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.search.uhighlight.WholeBreakIterator;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.policyminer.classify.Category;
import org.policyminer.index.ClauseMeta;
import org.policyminer.index.IndexSchema;

/**
 * Searches a clause index written by {@link org.policyminer.index.ClauseIndexer}: relevance-ranked clauses
 * with highlighted matches, category and policy counts over all matches, grouping by policy, and whole
 * policies for context.
 *
 * <p>Thread-safe; open one per index and share it. It sees commits made later by any process: before a
 * search it reopens the index when a new commit exists (checked at most every {@link #REFRESH_INTERVAL_MS} ms).
 */
public final class ClauseSearcher implements AutoCloseable {

    /** Largest page. */
    public static final int MAX_LIMIT = 1000;
    /** Deepest result reachable by paging: {@code offset + limit}. */
    public static final int MAX_WINDOW = 10_000;
    /** Most policies listed in the per-policy counts of a search. */
    public static final int DOC_FACET_LIMIT = 100;
    /** Longest doc id accepted in a request. */
    public static final int MAX_DOC_ID = 1000;
    /** How stale the searcher's view of the index may get. */
    public static final long REFRESH_INTERVAL_MS = 100;

    private static final Set<String> HIT_FIELDS = Set.of(IndexSchema.DOC_ID, IndexSchema.TEXT, IndexSchema.CLAUSE_META);
    private static final String[] HIGHLIGHT_FIELDS = {IndexSchema.TEXT};

    private final Directory directory;
    private final SearcherManager manager;
    private final Analyzer analyzer = IndexSchema.analyzer();
    private final Analyzer highlightAnalyzer = IndexSchema.highlightAnalyzer();
    private final AtomicLong lastRefresh = new AtomicLong(System.nanoTime());
    /** Searches slices of a large index in parallel: every query visits all its matches to count them. */
    private final ExecutorService slices;

    private ClauseSearcher(Directory directory) throws IOException {
        this.directory = directory;
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        this.slices = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "policyminer-search");
            t.setDaemon(true);
            return t;
        });
        this.manager = new SearcherManager(directory, new SearcherFactory() {
            @Override
            public IndexSearcher newSearcher(IndexReader reader, IndexReader previous) throws IOException {
                return new Snapshot(reader, threads > 1 ? slices : null);
            }
        });
    }

    /**
     * Opens the index in {@code dir} for searching.
     *
     * @throws IOException when there is no index there (the message says how to build one) or it has another layout
     */
    public static ClauseSearcher open(Path dir) throws IOException {
        IndexSchema.quietLucene();
        if (!Files.isDirectory(dir)) {
            throw new IOException("no index at " + dir + "; build one with: policyminer index INPUT... --index " + dir);
        }
        Directory directory = FSDirectory.open(dir);
        try {
            if (!DirectoryReader.indexExists(directory)) {
                throw new IOException("no index at " + dir + "; build one with: policyminer index INPUT... --index " + dir);
            }
            try (DirectoryReader reader = DirectoryReader.open(directory)) {
                String version = reader.getIndexCommit().getUserData().get(IndexSchema.VERSION_KEY);
                if (!IndexSchema.VERSION.equals(version)) {
                    throw new IOException(dir + " is not a policyminer index of layout version " + IndexSchema.VERSION);
                }
            }
            return new ClauseSearcher(directory);
        } catch (IOException | RuntimeException e) {
            directory.close();
            throw e;
        }
    }

    /** Runs a search; see {@link SearchRequest} and {@link SearchResults}. */
    public SearchResults search(SearchRequest request) throws InvalidQueryException, IOException {
        validate(request);
        maybeRefresh();
        Snapshot s = (Snapshot) manager.acquire();
        try {
            // Parsed against the snapshot searched: bare words expand to the words it holds (see WordForms).
            Query userQuery = request.query().isBlank() ? null
                    : new ClauseQueryParser(analyzer, s.forms::forms).parse(request.query());
            BooleanQuery.Builder b = new BooleanQuery.Builder();
            b.add(userQuery == null ? new MatchAllDocsQuery() : userQuery, BooleanClause.Occur.MUST);
            for (String category : request.categories()) {
                b.add(new TermQuery(new Term(IndexSchema.CATEGORY, category)), BooleanClause.Occur.FILTER);
            }
            if (request.docId() != null) {
                b.add(new TermQuery(new Term(IndexSchema.DOC_ID, request.docId())), BooleanClause.Occur.FILTER);
            }
            Query query = b.build();
            return request.groupByDoc() ? grouped(s, query, userQuery, request) : ranked(s, query, userQuery, request);
        } catch (IndexSearcher.TooManyClauses e) {
            throw new InvalidQueryException("the query expands to too many terms; make its wildcards more specific");
        } finally {
            manager.release(s);
        }
    }

    private static void validate(SearchRequest r) throws InvalidQueryException {
        if (r.limit() < 0 || r.limit() > MAX_LIMIT) {
            throw new InvalidQueryException("limit must be between 0 and " + MAX_LIMIT);
        }
        if (r.offset() < 0) {
            throw new InvalidQueryException("offset must not be negative");
        }
        if ((long) r.offset() + r.limit() > MAX_WINDOW) {
            throw new InvalidQueryException("offset + limit must be at most " + MAX_WINDOW + "; narrow the query instead");
        }
        for (String c : r.categories()) {
            if (Category.byId(c).isEmpty()) {
                throw new InvalidQueryException("unknown category '" + c + "'; the categories are " + String.join(", ",
                        Arrays.stream(Category.values()).map(Category::id).toList()));
            }
        }
        if (r.docId() != null && (r.docId().isEmpty() || r.docId().length() > MAX_DOC_ID)) {
            throw new InvalidQueryException("doc id must be 1 to " + MAX_DOC_ID + " characters");
        }
    }

    private SearchResults ranked(Snapshot s, Query query, Query userQuery, SearchRequest r) throws IOException {
        int window = Math.max(1, r.offset() + r.limit());
        TopDocs top;
        FacetCounter.Counts counts = s.browseCounts(r);
        if (counts != null) {
            // Browsing: every match scores the same, so the page is found without visiting all matches.
            top = s.serial.search(query, new TopScoreDocCollectorManager(window, null, window));
        } else {
            // One pass scores and counts every match. Two passes (counting without scores, then the best page
            // with block skipping) measured a third more CPU on the benchmark's queries: both passes walk the
            // postings of every match, and phrases are matched twice.
            Object[] results = s.search(query, new MultiCollectorManager(
                    new TopScoreDocCollectorManager(window, null, Integer.MAX_VALUE), s.ordinals.manager()));
            top = (TopDocs) results[0];
            counts = (FacetCounter.Counts) results[1];
        }
        ScoreDoc[] page = Arrays.copyOfRange(top.scoreDocs, Math.min(r.offset(), top.scoreDocs.length),
                Math.min(r.offset() + r.limit(), top.scoreDocs.length));
        return new SearchResults(counts.total(), hits(s, userQuery, page), s.ordinals.categories(counts),
                s.ordinals.topDocs(counts, DOC_FACET_LIMIT), FacetCounter.Ordinals.policies(counts), List.of());
    }

    private SearchResults grouped(Snapshot s, Query query, Query userQuery, SearchRequest r) throws IOException {
        FacetCounter.Counts counts = s.browseCounts(r);
        if (counts == null) {
            counts = s.search(query, s.ordinals.manager());
        }
        // The policies of the requested page are the top (offset + limit) by count; ties go by id.
        int[] ranked = s.ordinals.topOrds(counts, Math.max(DOC_FACET_LIMIT, r.offset() + r.limit()));
        int from = Math.min(ranked.length, r.offset());
        int to = Math.min(ranked.length, r.offset() + r.limit());
        int[] page = Arrays.copyOfRange(ranked, from, to);
        List<String> pageIds = new ArrayList<>(page.length);
        for (int ord : page) {
            pageIds.add(s.ordinals.docLabel(ord));
        }
        // Each policy's best clause, from one pass over the matches in the page's policies.
        ScoreDoc[] best = page.length == 0 ? new ScoreDoc[0] : s.search(new BooleanQuery.Builder()
                .add(query, BooleanClause.Occur.MUST)
                .add(new TermInSetQuery(IndexSchema.DOC_ID, pageIds.stream().map(BytesRef::new).toList()), BooleanClause.Occur.FILTER)
                .build(), s.ordinals.bestPerPolicy(page));
        // One highlighting pass for the whole page of groups.
        List<SearchResults.Hit> bestHits = hits(s, userQuery, best);
        List<SearchResults.Group> groups = new ArrayList<>(best.length);
        for (int i = 0; i < page.length; i++) {
            SearchResults.Hit h = bestHits.get(i);
            groups.add(new SearchResults.Group(pageIds.get(i), h.title(), counts.docs()[page[i]], h));
        }
        Map<String, Integer> topDocs = new LinkedHashMap<>();
        for (int i = 0; i < Math.min(DOC_FACET_LIMIT, ranked.length); i++) {
            topDocs.put(s.ordinals.docLabel(ranked[i]), counts.docs()[ranked[i]]);
        }
        return new SearchResults(counts.total(), List.of(), s.ordinals.categories(counts), topDocs,
                FacetCounter.Ordinals.policies(counts), groups);
    }

    private List<SearchResults.Hit> hits(Snapshot s, Query userQuery, ScoreDoc[] page) throws IOException {
        if (page.length == 0) {
            return List.of();
        }
        // Stored fields are read once: the highlighter gets the texts from here instead of reading them again.
        StoredFields stored = s.storedFields();
        Document[] docs = new Document[page.length];
        Map<Integer, String> texts = new java.util.HashMap<>();
        for (int i = 0; i < page.length; i++) {
            docs[i] = stored.document(page[i].doc, HIT_FIELDS);
            texts.put(page[i].doc, docs[i].get(IndexSchema.TEXT));
        }
        Object[] spans = null;
        WordHighlighter words = userQuery == null ? null : WordHighlighter.of(userQuery);
        if (words != null) {
            spans = new Object[page.length];
            for (int i = 0; i < page.length; i++) {
                spans[i] = words.spans(docs[i].get(IndexSchema.TEXT));
            }
        } else if (userQuery != null) {
            int[] ids = new int[page.length];
            for (int i = 0; i < page.length; i++) {
                ids[i] = page[i].doc;
            }
            int[] maxPassages = {1};
            spans = s.highlighter(highlightAnalyzer, texts, positional(userQuery)).spans(HIGHLIGHT_FIELDS, userQuery, ids, maxPassages)
                    .get(IndexSchema.TEXT);
        }
        List<SearchResults.Hit> hits = new ArrayList<>(page.length);
        for (int i = 0; i < page.length; i++) {
            Document d = docs[i];
            ClauseMeta meta = ClauseMeta.decode(d.getBinaryValue(IndexSchema.CLAUSE_META), s.policy(d.get(IndexSchema.DOC_ID)));
            @SuppressWarnings("unchecked")
            List<int[]> matches = spans == null || spans[i] == null ? List.of() : (List<int[]>) spans[i];
            hits.add(new SearchResults.Hit(d.get(IndexSchema.DOC_ID), meta.clauseId(), meta.title(), meta.source(),
                    meta.sectionPath(), d.get(IndexSchema.TEXT), matches, meta.categories(), page[i].score,
                    meta.attributes()));
        }
        return hits;
    }

    /** Whether the query has phrases, whose words must be highlighted as one match where they occur together. */
    private static boolean positional(Query query) {
        boolean[] found = {false};
        query.visit(new QueryVisitor() {
            @Override
            public void consumeTerms(Query q, Term... terms) {
                found[0] |= q instanceof PhraseQuery || q instanceof MultiPhraseQuery;
            }

            @Override
            public void visitLeaf(Query q) {
                found[0] |= q instanceof PhraseQuery || q instanceof MultiPhraseQuery;
            }
        });
        return found[0];
    }

    /** Returns a policy with all its clauses in order, if it is in the index. */
    public Optional<PolicyView> policy(String docId) throws IOException {
        maybeRefresh();
        Snapshot s = (Snapshot) manager.acquire();
        try {
            Query q = new TermQuery(new Term(IndexSchema.DOC_ID, docId));
            int n = s.count(q);
            if (n == 0) {
                return Optional.empty();
            }
            TopDocs all = s.search(q, n, new Sort(new SortField(IndexSchema.CLAUSE_ID, SortField.Type.INT)));
            StoredFields stored = s.storedFields();
            ClauseMeta.Policy shared = s.policy(docId);
            List<PolicyView.ClauseView> clauses = new ArrayList<>(n);
            String title = null;
            String source = null;
            for (ScoreDoc sd : all.scoreDocs) {
                Document d = stored.document(sd.doc, HIT_FIELDS);
                ClauseMeta m = ClauseMeta.decode(d.getBinaryValue(IndexSchema.CLAUSE_META), shared);
                title = m.title();
                source = m.source();
                clauses.add(new PolicyView.ClauseView(m.clauseId(), m.start(), m.end(), m.sectionPath(),
                        d.get(IndexSchema.TEXT), m.kind(), m.leadIn(), m.categories(), m.attributes()));
            }
            return Optional.of(new PolicyView(docId, title, source, clauses));
        } finally {
            manager.release(s);
        }
    }

    /** Counts of policies, clauses and clauses per category in the index. */
    public IndexStats stats() throws IOException {
        maybeRefresh();
        Snapshot s = (Snapshot) manager.acquire();
        try {
            return s.stats();
        } finally {
            manager.release(s);
        }
    }

    /** Makes searches see the latest commit now, rather than within {@link #REFRESH_INTERVAL_MS}. */
    public void refresh() throws IOException {
        manager.maybeRefreshBlocking();
        lastRefresh.set(System.nanoTime());
    }

    private void maybeRefresh() throws IOException {
        long last = lastRefresh.get();
        long now = System.nanoTime();
        if (now - last >= REFRESH_INTERVAL_MS * 1_000_000L && lastRefresh.compareAndSet(last, now)) {
            // Non-blocking: if another thread is already reopening, this search uses the current snapshot.
            manager.maybeRefresh();
        }
    }

    @Override
    public void close() throws IOException {
        try {
            manager.close();
        } finally {
            slices.shutdown();
            directory.close();
        }
    }

    /** A point-in-time view of the index with the ordinal tables counting needs, built once per reopen. */
    private static final class Snapshot extends IndexSearcher {
        /** Most category combinations whose browsing counts a snapshot keeps. */
        private static final int MAX_BROWSING = 1024;
        /** Most policies whose shared data a snapshot keeps (a few hundred bytes each). */
        private static final int MAX_POLICIES = 10_000;
        private static final Set<String> POLICY_FIELDS = Set.of(IndexSchema.POLICY_META);
        private final Map<String, ClauseMeta.Policy> policies = new java.util.concurrent.ConcurrentHashMap<>();

        final FacetCounter.Ordinals ordinals;
        final WordForms forms;
        private volatile IndexStats stats;
        /** Counts of browsing requests (no query, no policy; categories only) by their sorted categories: the
         *  broadest and most repeated requests (the search page opens on one) are counted once per snapshot. */
        private final Map<List<String>, FacetCounter.Counts> browsing = new java.util.concurrent.ConcurrentHashMap<>();

        /** The same view without the slice threads, for searches that stop early or stay within one policy:
         *  handing those to other threads costs more than it saves on a busy machine. */
        final IndexSearcher serial;

        Snapshot(IndexReader reader, ExecutorService executor) throws IOException {
            super(reader, executor);
            ordinals = new FacetCounter.Ordinals(reader);
            forms = new WordForms(reader);
            serial = executor == null ? this : new IndexSearcher(reader);
        }

        /**
         * A highlighter over the given texts (by Lucene doc id). Without phrases in the query it matches terms on
         * the analysed text directly; with phrases it needs weight matches (a phrase is one highlighted span),
         * which index each text in memory first.
         */
        SpanHighlighter highlighter(Analyzer analyzer, Map<Integer, String> texts, boolean phrases) {
            return new SpanHighlighter(UnifiedHighlighter.builder(this, analyzer)
                    .withBreakIterator(WholeBreakIterator::new)
                    .withMaxLength(WordHighlighter.MAX_LENGTH)
                    .withFormatter(SpanHighlighter.SPANS)
                    .withWeightMatches(phrases)
                    // One passage per clause, so there is no passage to rank; but weight matches need this flag
                    // to index the text in memory (it chooses the analysis strategy).
                    .withPassageRelevancyOverSpeed(phrases)
                    .withMaskedFieldsFunc(f -> f.equals(IndexSchema.TEXT) ? Set.of(IndexSchema.EXACT) : Set.of()), texts);
        }

        /**
         * What all clauses of a policy share (stored on its first clause), read once per snapshot: the first
         * live clause of the policy's postings is its first clause, as a policy is written as one block.
         */
        ClauseMeta.Policy policy(String docId) throws IOException {
            ClauseMeta.Policy p = policies.get(docId);
            if (p != null) {
                return p;
            }
            BytesRef term = new BytesRef(docId);
            for (LeafReaderContext leaf : getIndexReader().leaves()) {
                Terms terms = leaf.reader().terms(IndexSchema.DOC_ID);
                TermsEnum te = terms == null ? null : terms.iterator();
                if (te == null || !te.seekExact(term)) {
                    continue;
                }
                Bits live = leaf.reader().getLiveDocs();
                PostingsEnum postings = te.postings(null, PostingsEnum.NONE);
                StoredFields stored = leaf.reader().storedFields();
                for (int d = postings.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = postings.nextDoc()) {
                    if (live != null && !live.get(d)) {
                        continue;
                    }
                    BytesRef shared = stored.document(d, POLICY_FIELDS).getBinaryValue(IndexSchema.POLICY_META);
                    if (shared != null) {
                        p = ClauseMeta.Policy.decode(shared);
                        if (policies.size() >= MAX_POLICIES) {
                            policies.clear();
                        }
                        policies.put(docId, p);
                        return p;
                    }
                }
            }
            throw new IllegalStateException("the index has no first clause for policy " + docId);
        }

        /** The counts of a browsing request, from the cache or counted now; null for any other request. */
        FacetCounter.Counts browseCounts(SearchRequest r) throws IOException {
            if (!r.query().isBlank() || r.docId() != null) {
                return null;
            }
            List<String> key = r.categories().stream().sorted().distinct().toList();
            FacetCounter.Counts counts = browsing.get(key);
            if (counts == null) {
                BooleanQuery.Builder b = new BooleanQuery.Builder().add(new MatchAllDocsQuery(), BooleanClause.Occur.MUST);
                for (String category : key) {
                    b.add(new TermQuery(new Term(IndexSchema.CATEGORY, category)), BooleanClause.Occur.FILTER);
                }
                counts = search(b.build(), ordinals.manager());
                if (browsing.size() < MAX_BROWSING) {
                    browsing.put(key, counts);
                }
            }
            return counts;
        }

        IndexStats stats() throws IOException {
            IndexStats st = stats;
            if (st == null) {
                Map<String, Integer> categories = new LinkedHashMap<>();
                for (Category c : Category.values()) {
                    categories.put(c.id(), 0);
                }
                FacetCounter.Counts counts = search(new MatchAllDocsQuery(), ordinals.manager());
                categories.putAll(ordinals.categories(counts));
                st = new IndexStats(FacetCounter.Ordinals.policies(counts), getIndexReader().numDocs(), categories);
                stats = st;
            }
            return st;
        }
    }

    /** A highlighter that reports match offsets instead of formatted text, so each caller renders its own way. */
    private static final class SpanHighlighter extends UnifiedHighlighter {
        /** Formats the single whole-clause passage as merged, ordered {@code [start, end]} ranges. */
        static final PassageFormatter SPANS = new PassageFormatter() {
            @Override
            public Object format(Passage[] passages, String content) {
                List<int[]> ranges = new ArrayList<>();
                for (Passage p : passages) {
                    for (int i = 0; i < p.getNumMatches(); i++) {
                        ranges.add(new int[]{p.getMatchStarts()[i], p.getMatchEnds()[i]});
                    }
                }
                return WordHighlighter.merged(ranges);
            }
        };

        private final Map<Integer, String> texts;

        SpanHighlighter(Builder builder, Map<Integer, String> texts) {
            super(builder);
            this.texts = texts;
        }

        /** The index keeps no offsets: matches are always found by analysing the text again. */
        @Override
        protected OffsetSource getOffsetSource(String field) {
            return OffsetSource.ANALYSIS;
        }

        /** The texts the search already read, in the iterator's order and batching (see the overridden method). */
        @Override
        protected List<CharSequence[]> loadFieldValues(String[] fields, DocIdSetIterator docIter, int cacheCharsThreshold)
                throws IOException {
            if (fields.length != 1 || !fields[0].equals(IndexSchema.TEXT)) {
                return super.loadFieldValues(fields, docIter, cacheCharsThreshold);
            }
            List<CharSequence[]> values = new ArrayList<>();
            long chars = 0;
            do {
                int doc = docIter.nextDoc();
                if (doc == DocIdSetIterator.NO_MORE_DOCS) {
                    break;
                }
                String text = texts.get(doc);
                if (text != null && text.length() > WordHighlighter.MAX_LENGTH) {
                    text = text.substring(0, WordHighlighter.MAX_LENGTH);
                }
                values.add(new CharSequence[]{text});
                chars += text == null ? 0 : text.length();
            } while (chars <= cacheCharsThreshold && cacheCharsThreshold != 0);
            return values;
        }

        Map<String, Object[]> spans(String[] fields, Query query, int[] docIds, int[] maxPassages) throws IOException {
            return highlightFieldsAsObjects(fields, query, docIds, maxPassages);
        }
    }
}
