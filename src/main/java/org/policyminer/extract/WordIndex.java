package org.policyminer.extract;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A TF-IDF vocabulary as numbers: each word an id, looked up straight from the characters of a text (no substring,
 * no hashing of a new string), and each bigram the pair of its words' ids (no concatenation). The words are the
 * vocabulary's unigrams, both halves of its bigrams (a bigram "a b" is found where the words "a" and "b" follow each
 * other, whether or not they are unigrams of the vocabulary) and any more words a caller wants ids for. Immutable.
 */
final class WordIndex {

    private final int size;
    /** Per id, the word's TF-IDF dimension, or -1 when it is not a unigram of the vocabulary. */
    private final int[] unigram;
    /**
     * The words one after the other, each as its length and its id (two chars each: high and low half), then its
     * chars: a lookup reads the slot, then one place here (not a String, then its array).
     */
    private final char[] pool;
    /** Open addressing: per slot, a word's hash, then its place in {@code pool} + 1 (0: an empty slot). */
    private final int[] slots;
    private final int wordBits;
    /** Open addressing: per slot, (first id << 32 | second id) or -1 when empty, then the bigram's dimension. */
    private final long[] pairs;
    private final int pairBits;

    /**
     * The index of a vocabulary (term to dimension) and of more words.
     *
     * @param more words to give ids to as well (a caller's own features of words)
     */
    WordIndex(Map<String, Integer> vocabulary, Collection<String> more) {
        String[] byDimension = new String[vocabulary.size()];
        vocabulary.forEach((t, d) -> byDimension[d] = t);
        // Ids by dimension, then halves of bigrams, then the caller's words: the same ids from one run to the next.
        Map<String, Integer> ids = new LinkedHashMap<>();
        for (String t : byDimension) {
            if (t.indexOf(' ') < 0) {
                ids.putIfAbsent(t, ids.size());
            }
        }
        int bigrams = 0;
        for (String t : byDimension) {
            int space = t.indexOf(' ');
            if (space >= 0) {
                ids.putIfAbsent(t.substring(0, space), ids.size());
                ids.putIfAbsent(t.substring(space + 1), ids.size());
                bigrams++;
            }
        }
        for (String w : more) {
            ids.putIfAbsent(w, ids.size());
        }
        size = ids.size();
        unigram = new int[size];
        Arrays.fill(unigram, -1);
        wordBits = bitsFor(size);
        slots = new int[2 << wordBits];
        StringBuilder pooled = new StringBuilder();
        ids.forEach((w, id) -> {
            int h = w.hashCode();
            int s = slot(h, wordBits);
            while (slots[2 * s + 1] != 0) {
                s = (s + 1) & ((1 << wordBits) - 1);
            }
            slots[2 * s] = h;
            slots[2 * s + 1] = pooled.length() + 1;
            pooled.append((char) (w.length() >>> 16)).append((char) w.length())
                    .append((char) (id >>> 16)).append((char) (int) id).append(w);
        });
        pool = pooled.toString().toCharArray();
        pairBits = bitsFor(bigrams);
        pairs = new long[2 << pairBits];
        for (int s = 0; s < pairs.length; s += 2) {
            pairs[s] = -1;
        }
        for (int d = 0; d < byDimension.length; d++) {
            String t = byDimension[d];
            int space = t.indexOf(' ');
            if (space < 0) {
                unigram[ids.get(t)] = d;
                continue;
            }
            long key = (long) ids.get(t.substring(0, space)) << 32 | ids.get(t.substring(space + 1));
            int s = pairSlot(key);
            while (pairs[2 * s] != -1) {
                s = (s + 1) & ((1 << pairBits) - 1);
            }
            pairs[2 * s] = key;
            pairs[2 * s + 1] = d;
        }
    }

    /** A table of at least 1.5 times as many slots as entries (and 16 at least). */
    private static int bitsFor(int entries) {
        return Math.max(4, 32 - Integer.numberOfLeadingZeros(Math.max(1, entries + entries / 2 - 1)));
    }

    private static int slot(int hash, int bits) {
        return (hash * 0x9E3779B9) >>> (32 - bits);
    }

    private int pairSlot(long key) {
        return (int) ((key * 0x9E3779B97F4A7C15L) >>> (64 - pairBits));
    }

    /** The number of ids: every id is below it. */
    int size() {
        return size;
    }

    /**
     * The id of {@code text[from, to)}, or -1 when it is not a word of the index.
     *
     * @param hash the {@link String#hashCode} of {@code text.substring(from, to)}
     */
    int id(String text, int from, int to, int hash) {
        return find(hash, text, from, to - from);
    }

    /** The id of a word, or -1 when it is not one of the index. */
    int id(String word) {
        return find(word.hashCode(), word, 0, word.length());
    }

    private int find(int h, String text, int from, int length) {
        int mask = (1 << wordBits) - 1;
        for (int s = slot(h, wordBits); ; s = (s + 1) & mask) {
            int at = slots[2 * s + 1] - 1;
            if (at < 0) {
                return -1;
            }
            if (slots[2 * s] == h && (pool[at] << 16 | pool[at + 1]) == length && same(text, from, at + 4, length)) {
                return pool[at + 2] << 16 | pool[at + 3];
            }
        }
    }

    private boolean same(String text, int from, int at, int length) {
        for (int i = 0; i < length; i++) {
            if (text.charAt(from + i) != pool[at + i]) {
                return false;
            }
        }
        return true;
    }

    /** The TF-IDF dimension of the word with this id, or -1 when it is not a unigram of the vocabulary. */
    int unigram(int id) {
        return unigram[id];
    }

    /** The TF-IDF dimension of the bigram of two words (ids, -1 for a word out of the index), or -1 if it has none. */
    int bigram(int first, int second) {
        if (first < 0 || second < 0) {
            return -1;
        }
        long key = (long) first << 32 | second;
        int mask = (1 << pairBits) - 1;
        for (int s = pairSlot(key); ; s = (s + 1) & mask) {
            long k = pairs[2 * s];
            if (k == key) {
                return (int) pairs[2 * s + 1];
            }
            if (k == -1) {
                return -1;
            }
        }
    }
}
