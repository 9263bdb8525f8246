package org.policyminer.text;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * The literal filters of a whole lexicon, checked together in one pass over a text (an Aho-Corasick automaton over
 * all their strings): which of the lexicon's patterns may match it. A lexicon of a hundred brand names then costs
 * one scan of the clause instead of a hundred. Immutable and thread-safe.
 */
public final class LiteralSet {

    /** Filters that rule nothing out: always candidates. */
    private final BitSet always = new BitSet();
    /** Character class of each ASCII character (0: a character no string holds). */
    private final byte[] classOf = new byte[128];
    private final int classes;
    /** The automaton's transitions, {@code next[state * classes + class]}. */
    private final int[] next;
    /** For each state, the filters one of whose strings ends there (suffixes included); null when none. */
    private final int[][] found;

    /** The set of these filters, in order: {@link #candidates} answers with their indexes. */
    public LiteralSet(List<LiteralFilter> filters) {
        int nextClass = 1;
        for (LiteralFilter f : filters) {
            for (String s : f.strings()) {
                for (int i = 0; i < s.length(); i++) {
                    char c = s.charAt(i);
                    if (classOf[c] == 0) {
                        if (nextClass == 127) {
                            throw new IllegalStateException("too many distinct characters");
                        }
                        classOf[c] = (byte) nextClass++;
                    }
                }
            }
        }
        // Upper-case letters share their lower-case class: texts are matched without being lower-cased first.
        for (char c = 'A'; c <= 'Z'; c++) {
            classOf[c] = classOf[c + ('a' - 'A')];
        }
        this.classes = nextClass;
        // The trie: children by class, -1 where absent.
        List<int[]> children = new ArrayList<>();
        List<List<Integer>> ends = new ArrayList<>();
        children.add(newNode());
        ends.add(new ArrayList<>());
        for (int id = 0; id < filters.size(); id++) {
            LiteralFilter f = filters.get(id);
            if (!f.selective()) {
                always.set(id);
                continue;
            }
            for (String s : f.strings()) {
                int node = 0;
                for (int i = 0; i < s.length(); i++) {
                    int c = classOf[s.charAt(i)];
                    if (children.get(node)[c] < 0) {
                        children.get(node)[c] = children.size();
                        children.add(newNode());
                        ends.add(new ArrayList<>());
                    }
                    node = children.get(node)[c];
                }
                ends.get(node).add(id);
            }
        }
        int states = children.size();
        next = new int[states * classes];
        found = new int[states][];
        int[] fail = new int[states];
        // Breadth first: a state's failure link and outputs are known before its children's.
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int c = 0; c < classes; c++) {
            int child = children.get(0)[c];
            next[c] = Math.max(child, 0);
            if (child > 0) {
                fail[child] = 0;
                queue.add(child);
            }
        }
        found[0] = toArray(ends.get(0), null);
        while (!queue.isEmpty()) {
            int s = queue.poll();
            found[s] = toArray(ends.get(s), found[fail[s]]);
            for (int c = 0; c < classes; c++) {
                int child = children.get(s)[c];
                if (child > 0) {
                    fail[child] = next[fail[s] * classes + c];
                    next[s * classes + c] = child;
                    queue.add(child);
                } else {
                    next[s * classes + c] = next[fail[s] * classes + c];
                }
            }
        }
    }

    private int[] newNode() {
        int[] n = new int[classes];
        Arrays.fill(n, -1);
        return n;
    }

    private static int[] toArray(List<Integer> own, int[] inherited) {
        if (own.isEmpty()) {
            return inherited;
        }
        int extra = inherited == null ? 0 : inherited.length;
        int[] out = new int[own.size() + extra];
        for (int i = 0; i < own.size(); i++) {
            out[i] = own.get(i);
        }
        if (inherited != null) {
            System.arraycopy(inherited, 0, out, own.size(), extra);
        }
        return out;
    }

    /**
     * The indexes of the filters that pass a text (ASCII case ignored): the patterns that may match it. Every other
     * pattern certainly does not.
     */
    public BitSet candidates(CharSequence text) {
        BitSet out = (BitSet) always.clone();
        int state = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            char ch = text.charAt(i);
            int c = ch < 128 ? classOf[ch] : 0;
            state = next[state * classes + c];
            int[] f = found[state];
            if (f != null) {
                for (int id : f) {
                    out.set(id);
                }
            }
        }
        return out;
    }
}
