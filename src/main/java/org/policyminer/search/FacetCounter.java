package org.policyminer.search;

import java.io.IOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.OrdinalMap;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.util.LongValues;
import org.apache.lucene.util.PriorityQueue;
import org.apache.lucene.util.packed.PackedInts;
import org.policyminer.classify.Category;
import org.policyminer.index.IndexSchema;

/**
 * Counts matching clauses per category and per policy from doc values ({@link IndexSchema#CATEGORY} sorted-set,
 * {@link IndexSchema#DOC_ID} sorted) while the search collects, so that the counts cover every match at the cost
 * of one pass. Per segment it counts matches per run of one policy's clauses and per combination of categories
 * (see {@link LeafTables}) and turns them into per-policy (global ordinal) and per-category counts when the
 * segment is done; labels are looked up only for the policies reported.
 */
final class FacetCounter {

    /** What a counting pass found. */
    record Counts(long total, int[] categories, int[] docs) {
    }

    /** Ordinal tables of one index snapshot, built when it is opened and shared by its searches. */
    static final class Ordinals {
        private final IndexReader reader;
        /** Global policy ordinals across segments; null when there is at most one segment. */
        private final OrdinalMap docMap;
        private final int docCount;
        /** Per segment: each clause's policy and categories, read once from doc values (see {@link LeafTables}). */
        private final LeafTables[] tables;
        /** Policy ids by global ordinal, looked up on first use: doc-values term lookups decompress blocks. */
        private final java.util.concurrent.atomic.AtomicReferenceArray<String> labels;

        Ordinals(IndexReader reader) throws IOException {
            this.reader = reader;
            List<LeafReaderContext> leaves = reader.leaves();
            SortedDocValues[] docValues = new SortedDocValues[leaves.size()];
            tables = new LeafTables[leaves.size()];
            for (LeafReaderContext leaf : leaves) {
                docValues[leaf.ord] = DocValues.getSorted(leaf.reader(), IndexSchema.DOC_ID);
                tables[leaf.ord] = LeafTables.of(leaf.reader());
            }
            if (leaves.size() > 1) {
                docMap = OrdinalMap.build(null, docValues, PackedInts.DEFAULT);
                docCount = (int) docMap.getValueCount();
            } else {
                docMap = null;
                docCount = leaves.isEmpty() ? 0 : docValues[0].getValueCount();
            }
            labels = new java.util.concurrent.atomic.AtomicReferenceArray<>(docCount);
        }

        /** The policy id of a global ordinal. */
        String docLabel(int globalOrd) throws IOException {
            String label = labels.get(globalOrd);
            if (label == null) {
                label = lookupLabel(globalOrd);
                labels.set(globalOrd, label);
            }
            return label;
        }

        private String lookupLabel(int globalOrd) throws IOException {
            int segment = docMap == null ? 0 : docMap.getFirstSegmentNumber(globalOrd);
            long ord = docMap == null ? globalOrd : docMap.getFirstSegmentOrd(globalOrd);
            SortedDocValues dv = DocValues.getSorted(reader.leaves().get(segment).reader(), IndexSchema.DOC_ID);
            return dv.lookupOrd((int) ord).utf8ToString();
        }

        /** A collector manager counting into these tables. */
        CollectorManager<Collector, Counts> manager() {
            return new CollectorManager<>() {
                @Override
                public Collector newCollector() {
                    return new Counter(Ordinals.this);
                }

                @Override
                public Counts reduce(Collection<Collector> collectors) {
                    // The first collector's arrays take the sums: the collectors are done with them.
                    long total = 0;
                    int[] cats = null;
                    int[] docs = null;
                    for (Collector c : collectors) {
                        Counter counter = (Counter) c;
                        total += counter.total;
                        if (cats == null) {
                            cats = counter.categories;
                            docs = counter.docs;
                            continue;
                        }
                        for (int i = 0; i < cats.length; i++) {
                            cats[i] += counter.categories[i];
                        }
                        for (int i = 0; i < docs.length; i++) {
                            docs[i] += counter.docs[i];
                        }
                    }
                    return cats == null ? new Counts(0, new int[Category.values().length], new int[docCount])
                            : new Counts(total, cats, docs);
                }
            };
        }

        /** Clauses per category id, largest first, zero counts left out. */
        Map<String, Integer> categories(Counts counts) {
            Category[] all = Category.values();
            Integer[] order = new Integer[all.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            java.util.Arrays.sort(order, (a, b) -> counts.categories[b] != counts.categories[a]
                    ? Integer.compare(counts.categories[b], counts.categories[a]) : Integer.compare(a, b));
            Map<String, Integer> out = new LinkedHashMap<>();
            for (int i : order) {
                if (counts.categories[i] > 0) {
                    out.put(all[i].id(), counts.categories[i]);
                }
            }
            return out;
        }

        /** The {@code n} policies with most matching clauses, largest first, ties by id. */
        Map<String, Integer> topDocs(Counts counts, int n) throws IOException {
            Map<String, Integer> out = new LinkedHashMap<>();
            for (int ord : topOrds(counts, n)) {
                out.put(docLabel(ord), counts.docs[ord]);
            }
            return out;
        }

        /** The global ordinals of the {@code n} policies with most matching clauses, largest first, ties by id. */
        int[] topOrds(Counts counts, int n) {
            int[] docs = counts.docs;
            // Global ordinals follow the ids' sort order, so "smaller ordinal" is "smaller id".
            PriorityQueue<int[]> queue = new PriorityQueue<>(Math.max(1, Math.min(n, docs.length))) {
                @Override
                protected boolean lessThan(int[] a, int[] b) {
                    return a[1] != b[1] ? a[1] < b[1] : a[0] > b[0];
                }
            };
            for (int ord = 0; ord < docs.length; ord++) {
                if (docs[ord] > 0) {
                    queue.insertWithOverflow(new int[]{ord, docs[ord]});
                }
            }
            int[] top = new int[queue.size()];
            for (int i = top.length - 1; i >= 0; i--) {
                top[i] = queue.pop()[0];
            }
            return top;
        }

        /**
         * A collector manager finding, for each of the given policies (global ordinals), its best-scoring match:
         * one pass over the matches instead of one search per policy. Ties go to the smaller doc id, as in
         * {@link org.apache.lucene.search.TopDocs}. The result has a null where a policy has no match.
         */
        CollectorManager<Collector, ScoreDoc[]> bestPerPolicy(int[] globalOrds) {
            int[] slots = new int[docCount];
            java.util.Arrays.fill(slots, -1);
            for (int i = 0; i < globalOrds.length; i++) {
                slots[globalOrds[i]] = i;
            }
            return new CollectorManager<>() {
                @Override
                public Collector newCollector() {
                    return new Best(Ordinals.this, slots, globalOrds.length);
                }

                @Override
                public ScoreDoc[] reduce(Collection<Collector> collectors) {
                    ScoreDoc[] best = new ScoreDoc[globalOrds.length];
                    for (Collector c : collectors) {
                        ScoreDoc[] found = ((Best) c).best;
                        for (int i = 0; i < best.length; i++) {
                            if (found[i] != null && (best[i] == null || Best.better(found[i].score, found[i].doc, best[i]))) {
                                best[i] = found[i];
                            }
                        }
                    }
                    return best;
                }
            };
        }

        /** How many policies have at least one match. */
        static int policies(Counts counts) {
            int n = 0;
            for (int c : counts.docs) {
                if (c > 0) {
                    n++;
                }
            }
            return n;
        }
    }

    private static final class Counter implements Collector {
        final Ordinals ordinals;
        final int[] categories = new int[Category.values().length];
        final int[] docs;
        long total;

        Counter(Ordinals ordinals) {
            this.ordinals = ordinals;
            this.docs = new int[ordinals.docCount];
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
        }

        @Override
        public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
            LeafTables table = ordinals.tables[context.ord];
            char[] clauseCombinations = table.clauseCombinations;
            int[] runStarts = table.runStarts;
            int[] segmentCombinations = new int[table.combinations.length];
            LongValues toGlobal = ordinals.docMap == null ? null : ordinals.docMap.getGlobalOrds(context.ord);
            return new LeafCollector() {
                /** The run of the last matches, its doc ids and how many matched: matches come in doc id order. */
                private int run = -1;
                private int runStart = Integer.MAX_VALUE;
                private int runEnd = -1;
                private int inRun;

                @Override
                public void setScorer(Scorable scorer) {
                }

                @Override
                public void collect(int doc) {
                    // Two increments per match; the policy's count is added when the matches leave its run, and
                    // the total and the per-category counts follow from the combination counts at the end.
                    if (doc >= runEnd || doc < runStart) {
                        endRun();
                        run = table.run(doc);
                        runStart = runStarts[run];
                        runEnd = runStarts[run + 1];
                    }
                    inRun++;
                    segmentCombinations[clauseCombinations[doc]]++;
                }

                private void endRun() {
                    if (inRun != 0 && table.runOrds[run] >= 0) {
                        int ord = table.runOrds[run];
                        docs[toGlobal == null ? ord : (int) toGlobal.get(ord)] += inRun;
                    }
                    inRun = 0;
                }

                @Override
                public void finish() {
                    endRun();
                    for (int k = 0; k < segmentCombinations.length; k++) {
                        int n = segmentCombinations[k];
                        total += n;
                        for (int bits = table.combinations[k]; n != 0 && bits != 0; bits &= bits - 1) {
                            categories[Integer.numberOfTrailingZeros(bits)] += n;
                        }
                    }
                }
            };
        }
    }

    /** Keeps the best-scoring match of each wanted policy (see {@link Ordinals#bestPerPolicy}). */
    private static final class Best implements Collector {
        final Ordinals ordinals;
        /** Position in {@link #best} by global policy ordinal, -1 for policies not wanted. */
        final int[] slots;
        final ScoreDoc[] best;

        Best(Ordinals ordinals, int[] slots, int wanted) {
            this.ordinals = ordinals;
            this.slots = slots;
            this.best = new ScoreDoc[wanted];
        }

        static boolean better(float score, int doc, ScoreDoc than) {
            return score > than.score || (score == than.score && doc < than.doc);
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE;
        }

        @Override
        public LeafCollector getLeafCollector(LeafReaderContext context) {
            LeafTables table = ordinals.tables[context.ord];
            LongValues toGlobal = ordinals.docMap == null ? null : ordinals.docMap.getGlobalOrds(context.ord);
            int base = context.docBase;
            return new LeafCollector() {
                private Scorable scorer;

                @Override
                public void setScorer(Scorable s) {
                    scorer = s;
                }

                @Override
                public void collect(int doc) throws IOException {
                    int ord = table.runOrds[table.run(doc)];
                    if (ord < 0) {
                        return;
                    }
                    int slot = slots[toGlobal == null ? ord : (int) toGlobal.get(ord)];
                    if (slot < 0) {
                        return;
                    }
                    float score = scorer.score();
                    ScoreDoc current = best[slot];
                    if (current == null || better(score, base + doc, current)) {
                        best[slot] = new ScoreDoc(base + doc, score);
                    }
                }
            };
        }
    }

    /**
     * One segment's clauses as compact tables: the clauses of a policy are consecutive (a policy is written as
     * one block and merges keep the order), so policies are stored as runs of doc ids, and each clause has the
     * number of its combination of categories in a {@code char} ({@link #combinations} holds each combination's
     * bit set, bit = {@link Category} position). Counting a broad match is bound by memory reads: two int arrays
     * cost two reads per match, this one two bytes; and a match costs two increments however many categories the
     * clause has. Built once per segment (a few ms per 100,000 clauses, 2 bytes a clause) and shared by every
     * snapshot that contains the segment until it is merged away.
     */
    static final class LeafTables {
        private static final SegmentCache<LeafTables> CACHE = new SegmentCache<>(LeafTables::build);

        /** First doc id of each run of clauses with the same policy, ascending, then maxDoc. */
        final int[] runStarts;
        /** The segment ordinal of each run's policy, -1 for clauses without one. */
        final int[] runOrds;
        /** Per Lucene doc id: the number of the clause's category combination. */
        final char[] clauseCombinations;
        /** Category bit set by combination number; number 0 is no category. */
        final int[] combinations;

        private LeafTables(int[] runStarts, int[] runOrds, char[] clauseCombinations, int[] combinations) {
            this.runStarts = runStarts;
            this.runOrds = runOrds;
            this.clauseCombinations = clauseCombinations;
            this.combinations = combinations;
        }

        /** The run holding a doc id (binary search; collectors call it only when a match leaves its run). */
        int run(int doc) {
            int i = java.util.Arrays.binarySearch(runStarts, doc);
            return i >= 0 ? i : -i - 2;
        }

        static LeafTables of(LeafReader leaf) throws IOException {
            return CACHE.get(leaf);
        }

        private static LeafTables build(LeafReader leaf) throws IOException {
            int maxDoc = leaf.maxDoc();
            SortedDocValues docs = DocValues.getSorted(leaf, IndexSchema.DOC_ID);
            List<int[]> runs = new java.util.ArrayList<>();
            int previous = -2;
            int d = docs.nextDoc();
            for (int doc = 0; doc < maxDoc; doc++) {
                int ord = -1;
                if (d == doc) {
                    ord = docs.ordValue();
                    d = docs.nextDoc();
                }
                if (ord != previous) {
                    runs.add(new int[]{doc, ord});
                    previous = ord;
                }
            }
            int[] runStarts = new int[runs.size() + 1];
            int[] runOrds = new int[runs.size()];
            for (int r = 0; r < runOrds.length; r++) {
                runStarts[r] = runs.get(r)[0];
                runOrds[r] = runs.get(r)[1];
            }
            runStarts[runOrds.length] = maxDoc;

            char[] clauseCombinations = new char[maxDoc];
            SortedSetDocValues cats = DocValues.getSortedSet(leaf, IndexSchema.CATEGORY);
            int[] map = new int[(int) cats.getValueCount()];
            for (int o = 0; o < map.length; o++) {
                map[o] = Category.byId(cats.lookupOrd(o).utf8ToString()).map(Enum::ordinal).orElse(-1);
            }
            Map<Integer, Integer> numbers = new java.util.HashMap<>();
            List<Integer> combinations = new java.util.ArrayList<>();
            numbers.put(0, 0);
            combinations.add(0);
            for (int c = cats.nextDoc(); c != DocIdSetIterator.NO_MORE_DOCS; c = cats.nextDoc()) {
                int bits = 0;
                for (int i = cats.docValueCount(); i > 0; i--) {
                    int category = map[(int) cats.nextOrd()];
                    if (category >= 0) {
                        bits |= 1 << category;
                    }
                }
                Integer number = numbers.get(bits);
                if (number == null) {
                    number = combinations.size();
                    numbers.put(bits, number);
                    combinations.add(bits);
                }
                clauseCombinations[c] = (char) (int) number;
            }
            return new LeafTables(runStarts, runOrds, clauseCombinations,
                    combinations.stream().mapToInt(Integer::intValue).toArray());
        }
    }

    static {
        // 2^16 combinations at most, so that a combination number fits in a char.
        if (Category.values().length > Character.SIZE) {
            throw new IllegalStateException("category combinations are numbered for at most 16 categories");
        }
    }

    private FacetCounter() {
    }

}
