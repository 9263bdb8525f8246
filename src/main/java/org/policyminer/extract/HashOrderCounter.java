package org.policyminer.extract;

import java.util.HashMap;
import java.util.Map;

/**
 * Counts int keys and lists the distinct ones in the order a {@code java.util.HashMap<Integer, Integer>} filled by
 * {@code merge(key, 1, Integer::sum)} would iterate them, without boxing. The TF-IDF vectors were built with such a
 * map, and their entries' order fixes the rounding of the sums made over them (the norm, the scores): the outputs
 * stay byte-identical only if that order is kept.
 *
 * <p>The order follows from {@code HashMap}'s rules (JDK 8 to 25): buckets {@code (h ^ h >>> 16) & (capacity - 1)}
 * of {@code Integer} hashes {@code h} in ascending order; in a bucket, the newest key first ({@code merge} puts a
 * new node at the head of its bin and a resize keeps each bin's relative order); the table starts at 16 buckets and
 * doubles at the start of a {@code merge} call that finds more keys than 3/4 of its buckets. A bin that reaches 8
 * keys would be turned into a tree or make the table grow early; then the counts come from a real {@code HashMap}
 * (it takes 8 keys equal modulo the capacity, which the TF-IDF dimensions of one text hardly ever are).
 */
final class HashOrderCounter {

    private static final int INITIAL_CAPACITY = 16;
    /** The bin size from which {@code HashMap.merge} calls {@code treeifyBin}. */
    private static final int TREEIFY_THRESHOLD = 8;
    /** One counter per thread: its tables are reused from one count to the next (this runs for every clause). */
    private static final ThreadLocal<HashOrderCounter> COUNTER = ThreadLocal.withInitial(HashOrderCounter::new);

    /** Per key, its rank + 1 among the keys being counted (0: not seen); all 0 between counts. */
    private int[] rank = new int[0];
    /** Per rank (order of first occurrence): the key, its count, the next rank of its bin. */
    private int[] distinct = new int[32];
    private int[] count = new int[32];
    private int[] next = new int[32];
    /** Per bin of the simulated table: its number of keys, or the rank at its head. */
    private int[] bins = new int[64];

    private HashOrderCounter() {
    }

    /**
     * The distinct keys in iteration order and how often each occurs.
     *
     * @param keys   the keys, in the order they are counted
     * @param counts per key, its number of occurrences
     */
    record Counts(int[] keys, int[] counts) {
    }

    /** The counts of {@code keys[0..length)}, counted in that order; every key is in {@code [0, bound)}. */
    static Counts count(int[] keys, int length, int bound) {
        return COUNTER.get().counts(keys, length, bound);
    }

    private Counts counts(int[] keys, int length, int bound) {
        if (rank.length < bound) {
            rank = new int[bound];
        }
        if (distinct.length < length) {
            distinct = new int[length];
            count = new int[length];
            next = new int[length];
        }
        int n = 0;
        int capacity = INITIAL_CAPACITY;
        boolean crowded = false;
        for (int c = 0; c < length && !crowded; c++) {
            if (n > capacity / 4 * 3) {
                crowded = crowded(n, capacity);
                capacity <<= 1;
            }
            int k = keys[c];
            int r = rank[k];
            if (r == 0) {
                rank[k] = n + 1;
                distinct[n] = k;
                count[n++] = 1;
            } else {
                count[r - 1]++;
            }
        }
        for (int r = 0; r < n; r++) {
            rank[distinct[r]] = 0;
        }
        if (crowded || crowded(n, capacity)) {
            return byHashMap(keys, length);
        }
        // The bins as linked lists of ranks, each new key at its bin's head, read bin by bin.
        int[] head = bins(capacity);
        java.util.Arrays.fill(head, 0, capacity, -1);
        for (int r = 0; r < n; r++) {
            int b = bucket(distinct[r], capacity);
            next[r] = head[b];
            head[b] = r;
        }
        int[] outKeys = new int[n];
        int[] outCounts = new int[n];
        int k = 0;
        for (int b = 0; b < capacity; b++) {
            for (int r = head[b]; r >= 0; r = next[r]) {
                outKeys[k] = distinct[r];
                outCounts[k++] = count[r];
            }
        }
        return new Counts(outKeys, outCounts);
    }

    private int[] bins(int capacity) {
        if (bins.length < capacity) {
            bins = new int[capacity];
        }
        return bins;
    }

    private static int bucket(int key, int capacity) {
        return (key ^ key >>> 16) & (capacity - 1);
    }

    /** Whether some bin of a table of this capacity holding the first {@code n} keys would have reached 8 keys. */
    private boolean crowded(int n, int capacity) {
        if (n < TREEIFY_THRESHOLD) {
            return false;
        }
        int[] bin = bins(capacity);
        java.util.Arrays.fill(bin, 0, capacity, 0);
        for (int r = 0; r < n; r++) {
            if (++bin[bucket(distinct[r], capacity)] >= TREEIFY_THRESHOLD) {
                return true;
            }
        }
        return false;
    }

    /** The plain computation: the counts of a real {@code HashMap}, in its own order. */
    static Counts byHashMap(int[] keys, int length) {
        Map<Integer, Integer> tf = new HashMap<>();
        for (int c = 0; c < length; c++) {
            tf.merge(keys[c], 1, Integer::sum);
        }
        int[] outKeys = new int[tf.size()];
        int[] outCounts = new int[tf.size()];
        int k = 0;
        for (Map.Entry<Integer, Integer> e : tf.entrySet()) {
            outKeys[k] = e.getKey();
            outCounts[k++] = e.getValue();
        }
        return new Counts(outKeys, outCounts);
    }
}
