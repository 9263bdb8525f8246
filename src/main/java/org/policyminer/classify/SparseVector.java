package org.policyminer.classify;

/**
 * A sparse feature vector: hashed feature indexes and their values. An index may repeat; repeated entries add up.
 *
 * @param index feature indexes
 * @param value their values, same length
 */
public record SparseVector(int[] index, float[] value) {

    /** The number of stored entries. */
    public int size() {
        return index.length;
    }
}
