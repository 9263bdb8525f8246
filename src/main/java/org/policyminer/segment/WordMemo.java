package org.policyminer.segment;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import opennlp.tools.util.model.BaseModel;

/**
 * A bounded word -> value memo for values that depend on one model and the word alone (a word's token splits,
 * its POS model rows), shared by the tools of all threads that use that model. Per-thread memos made every
 * worker pay the model for every new word; shared, each word is computed about once per run.
 *
 * <p>Thread-safe. Values must be immutable once computed: another thread may read them.
 */
final class WordMemo<V> {

    /** Distinct words kept; the memo is emptied when full (policy vocabularies are far smaller). */
    static final int CAPACITY = 50_000;
    /**
     * One memo per model and kind of value. Models are told apart by identity (their own equals hashes every
     * parameter) and held weakly, so that a dropped model takes its memos with it; a run has a handful.
     */
    private static final List<Entry> MEMOS = new ArrayList<>();

    private final Map<String, V> values = new ConcurrentHashMap<>();

    private record Entry(WeakReference<BaseModel> model, String kind, WordMemo<?> memo) {
    }

    private WordMemo() {
    }

    /**
     * The memo of one kind of value for a model (models compare by identity), created on first use.
     *
     * @param kind names what is memoised, so that two kinds of values of one model get two memos
     */
    @SuppressWarnings("unchecked")
    static synchronized <V> WordMemo<V> of(BaseModel model, String kind) {
        MEMOS.removeIf(e -> e.model().get() == null);
        for (Entry e : MEMOS) {
            if (e.model().get() == model && e.kind().equals(kind)) {
                return (WordMemo<V>) e.memo();
            }
        }
        WordMemo<V> memo = new WordMemo<>();
        MEMOS.add(new Entry(new WeakReference<>(model), kind, memo));
        return memo;
    }

    /** The value of a word, computed (by {@code compute}, on this thread) when the memo lacks it. */
    V get(String word, Function<String, V> compute) {
        V v = values.get(word);
        if (v == null) {
            if (values.size() >= CAPACITY) {
                values.clear();
            }
            // Two threads may both compute a new word; they compute the same value, either may stay.
            v = compute.apply(word);
            values.put(word, v);
        }
        return v;
    }
}
