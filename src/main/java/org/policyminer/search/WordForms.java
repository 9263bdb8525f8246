package org.policyminer.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.util.BytesRef;
import org.policyminer.index.IndexSchema;

/**
 * The indexed words of an index snapshot grouped by stem, so that a bare query word (stemmed by the English
 * analyzer) becomes the exact words that share its stem: {@code retain} searches {@code retain}, {@code retained},
 * {@code retaining} and {@code retains} in {@link IndexSchema#EXACT}. This is what lets the index hold the clause
 * text once instead of a second, stemmed copy. Each segment's table is built once, from its terms dictionary, and
 * shared by every snapshot that contains the segment until it is merged away.
 */
final class WordForms {

    private static final SegmentCache<Map<String, String[]>> CACHE = new SegmentCache<>(WordForms::build);
    private static final UnaryOperator<String> STEMMER = IndexSchema.stemmer();

    /** Per segment: stem to the words of that segment with this stem. */
    private final List<Map<String, String[]>> leaves;

    WordForms(IndexReader reader) throws IOException {
        leaves = new ArrayList<>(reader.leaves().size());
        for (LeafReaderContext leaf : reader.leaves()) {
            leaves.add(CACHE.get(leaf.reader()));
        }
    }

    /** The indexed words whose stem is {@code stem}, sorted; empty when no clause has such a word. */
    List<String> forms(String stem) {
        TreeSet<String> out = new TreeSet<>();
        for (Map<String, String[]> leaf : leaves) {
            String[] words = leaf.get(stem);
            if (words != null) {
                out.addAll(List.of(words));
            }
        }
        return List.copyOf(out);
    }

    private static Map<String, String[]> build(LeafReader leaf) throws IOException {
        Map<String, List<String>> byStem = new HashMap<>();
        Terms terms = leaf.terms(IndexSchema.EXACT);
        if (terms != null) {
            TermsEnum te = terms.iterator();
            for (BytesRef term = te.next(); term != null; term = te.next()) {
                String word = term.utf8ToString();
                String stem = STEMMER.apply(word);
                if (stem != null) {
                    byStem.computeIfAbsent(stem, s -> new ArrayList<>(2)).add(word);
                }
            }
        }
        Map<String, String[]> out = new HashMap<>(byStem.size() * 4 / 3 + 1);
        byStem.forEach((stem, words) -> out.put(stem, words.toArray(String[]::new)));
        return out;
    }
}
