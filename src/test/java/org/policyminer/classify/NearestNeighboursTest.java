package org.policyminer.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.List;

import org.junit.jupiter.api.Test;

class NearestNeighboursTest {

    private static SparseVector v(int[] idx, float... val) {
        return NearestNeighbours.cap(new SparseVector(idx, val), 10);
    }

    /** Three texts over features 1..4; labels: text 0 {a}, text 1 {a, b}, text 2 {b}. */
    private static NearestNeighbours index(int k) {
        List<SparseVector> texts = List.of(v(new int[]{1, 2}, 1, 1), v(new int[]{2, 3}, 1, 1), v(new int[]{4}, 1));
        boolean[][] y = {{true, false}, {true, true}, {false, true}};
        return NearestNeighbours.build(texts, y, 2, k);
    }

    @Test
    void votesAreSimilarityWeightedSharesOfTheNearestTexts() {
        // The query shares feature 1 with text 0 only (cosine 0.5): all the weight is text 0's.
        assertArrayEquals(new double[]{1, 0}, index(2).votes(v(new int[]{1, 5}, 1, 1)), 1e-9);
        // Feature 2 is in texts 0 and 1 with equal cosine: a gets both votes, b one of two.
        assertArrayEquals(new double[]{1, 0.5}, index(2).votes(v(new int[]{2}, 1)), 1e-9);
        // With k = 1 the tie goes to the lower index, text 0.
        assertArrayEquals(new double[]{1, 0}, index(1).votes(v(new int[]{2}, 1)), 1e-9);
        // Nothing shared: no votes.
        assertArrayEquals(new double[]{0, 0}, index(2).votes(v(new int[]{9}, 1)), 1e-9);
    }

    @Test
    void capKeepsTheHeaviestEntriesAtUnitLength() {
        SparseVector c = NearestNeighbours.cap(new SparseVector(new int[]{7, 3, 5}, new float[]{0.1f, 3, 4}), 2);
        assertArrayEquals(new int[]{3, 5}, c.index());
        assertEquals(0.6, c.value()[0], 1 / 255.0);
        assertEquals(0.8, c.value()[1], 1 / 255.0);
    }

    @Test
    void writtenIndexVotesTheSame() throws Exception {
        NearestNeighbours knn = index(2);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        knn.write(new DataOutputStream(bytes));
        NearestNeighbours read = NearestNeighbours.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        for (SparseVector q : List.of(v(new int[]{1, 3}, 1, 2), v(new int[]{2, 4}, 1, 1), v(new int[]{3}, 1))) {
            assertArrayEquals(knn.votes(q), read.votes(q), 0);
        }
    }
}
