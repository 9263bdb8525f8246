package org.policyminer.search;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.util.IOFunction;

/**
 * Values computed once per index segment and shared by every snapshot that contains the segment, until it is merged
 * away: keyed by the segment's core cache key and dropped when Lucene closes the core. Thread-safe; two threads may
 * build the same value at once, and the first one stored wins.
 */
final class SegmentCache<T> {

    private final Map<IndexReader.CacheKey, T> values = new ConcurrentHashMap<>();
    private final IOFunction<LeafReader, T> build;

    SegmentCache(IOFunction<LeafReader, T> build) {
        this.build = build;
    }

    /** The segment's value, built now if no snapshot has asked for it yet (and not cached for a reader without a key). */
    T get(LeafReader leaf) throws IOException {
        IndexReader.CacheHelper helper = leaf.getCoreCacheHelper();
        if (helper == null) {
            return build.apply(leaf);
        }
        T cached = values.get(helper.getKey());
        if (cached != null) {
            return cached;
        }
        T built = build.apply(leaf);
        T earlier = values.putIfAbsent(helper.getKey(), built);
        if (earlier != null) {
            return earlier;
        }
        helper.addClosedListener(values::remove);
        return built;
    }
}
