package org.policyminer.classify;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * Label votes of the most similar training texts: for a query, the {@code k} training texts whose TF-IDF word
 * vectors have the highest cosine with it, and per label the similarity-weighted share of them that carry it.
 * The calibration stage weighs these votes next to the linear models' scores. Near-identical boilerplate across
 * policies ("we use cookies to...") is where a vote beats a linear model. Each stored vector keeps only its
 * {@code maxFeatures} heaviest entries (renormalised) so the index stays small; lookups go through an inverted
 * index, so a query costs the lengths of its features' posting lists, not a pass over every text.
 */
final class NearestNeighbours {

    /** Experiment knob: a neighbour's vote weighs its cosine to this power (higher: near-duplicates dominate). */
    private static final double SHARPNESS = Double.parseDouble(System.getProperty("policyminer.train.knnPower", "1"));

    private final int k;
    private final int labels;
    private final boolean[][] y;
    /** The features in use, sorted; postings of feature {@code features[f]} at {@code f}. */
    private final int[] features;
    private final int[][] postingDocs;
    private final float[][] postingValues;

    private NearestNeighbours(int k, int labels, boolean[][] y, int[] features, int[][] postingDocs,
                              float[][] postingValues) {
        this.k = k;
        this.labels = labels;
        this.y = y;
        this.features = features;
        this.postingDocs = postingDocs;
        this.postingValues = postingValues;
    }

    /** Indexes the training vectors (already capped with {@link #cap}) with their gold labels. */
    static NearestNeighbours build(List<SparseVector> vectors, boolean[][] y, int labels, int k) {
        int total = 0;
        for (SparseVector v : vectors) {
            total += v.size();
        }
        long[] pairs = new long[total];
        int p = 0;
        for (int d = 0; d < vectors.size(); d++) {
            for (int f : vectors.get(d).index()) {
                pairs[p++] = ((long) f << 32) | d;
            }
        }
        Arrays.sort(pairs);
        int distinct = 0;
        for (int i = 0; i < total; i++) {
            if (i == 0 || (pairs[i] >>> 32) != (pairs[i - 1] >>> 32)) {
                distinct++;
            }
        }
        int[] features = new int[distinct];
        int[][] docs = new int[distinct][];
        float[][] values = new float[distinct][];
        for (int i = 0, f = 0; i < total; f++) {
            int j = i;
            while (j < total && (pairs[j] >>> 32) == (pairs[i] >>> 32)) {
                j++;
            }
            features[f] = (int) (pairs[i] >>> 32);
            docs[f] = new int[j - i];
            values[f] = new float[j - i];
            for (int m = i; m < j; m++) {
                int d = (int) pairs[m];
                docs[f][m - i] = d;
                values[f][m - i] = valueOf(vectors.get(d), features[f]);
            }
            i = j;
        }
        return new NearestNeighbours(k, labels, y, features, docs, values);
    }

    private static float valueOf(SparseVector v, int feature) {
        int[] idx = v.index();
        for (int i = 0; i < idx.length; i++) {
            if (idx[i] == feature) {
                return v.value()[i];
            }
        }
        return 0;
    }

    /**
     * The {@code max} heaviest entries of a vector, in index order, rescaled to unit length and rounded to steps of
     * 1/255 (what the model file stores, so a loaded model votes exactly as the trained one).
     */
    static SparseVector cap(SparseVector v, int max) {
        if (v.size() <= max) {
            return unitRounded(v.index().clone(), v.value().clone());
        }
        Integer[] order = new Integer[v.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        // Heaviest first; ties by index keep the result deterministic.
        Arrays.sort(order, (a, b) -> v.value()[a] != v.value()[b] ? Float.compare(v.value()[b], v.value()[a])
                : Integer.compare(v.index()[a], v.index()[b]));
        int n = Math.min(max, order.length);
        int[] keep = new int[n];
        for (int i = 0; i < n; i++) {
            keep[i] = order[i];
        }
        Arrays.sort(keep);
        int[] idx = new int[n];
        float[] val = new float[n];
        for (int i = 0; i < n; i++) {
            idx[i] = v.index()[keep[i]];
            val[i] = v.value()[keep[i]];
        }
        return unitRounded(idx, val);
    }

    private static SparseVector unitRounded(int[] idx, float[] val) {
        int n = idx.length;
        double norm = 0;
        for (int i = 0; i < n; i++) {
            norm += val[i] * val[i];
        }
        float scale = norm == 0 ? 0 : (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < n; i++) {
            val[i] = Math.round(val[i] * scale * 255) / 255f;
        }
        return new SparseVector(idx, val);
    }

    /** Per label, the similarity-weighted share of the query's {@code k} nearest training texts that carry it. */
    double[] votes(SparseVector query) {
        float[] sim = new float[y.length];
        int[] touched = new int[64];
        int count = 0;
        for (int i = 0; i < query.size(); i++) {
            int f = Arrays.binarySearch(features, query.index()[i]);
            if (f < 0) {
                continue;
            }
            float q = query.value()[i];
            int[] docs = postingDocs[f];
            float[] vals = postingValues[f];
            for (int j = 0; j < docs.length; j++) {
                if (sim[docs[j]] == 0) {
                    if (count == touched.length) {
                        touched = Arrays.copyOf(touched, count * 2);
                    }
                    touched[count++] = docs[j];
                }
                sim[docs[j]] += q * vals[j];
            }
        }
        // Top k by similarity among the texts that share a feature (ties by index: deterministic).
        int[] best = new int[Math.min(k, count)];
        int filled = 0;
        for (int t = 0; t < count; t++) {
            int d = touched[t];
            if (sim[d] <= 0) {
                continue;
            }
            int pos;
            if (filled < best.length) {
                pos = filled++;
            } else if (better(sim, d, best[best.length - 1])) {
                pos = best.length - 1;
            } else {
                continue;
            }
            best[pos] = d;
            while (pos > 0 && better(sim, best[pos], best[pos - 1])) {
                int tmp = best[pos];
                best[pos] = best[pos - 1];
                best[pos - 1] = tmp;
                pos--;
            }
        }
        double[] votes = new double[labels];
        double sum = 0;
        for (int i = 0; i < filled; i++) {
            double s = Math.pow(sim[best[i]], SHARPNESS);
            sum += s;
            for (int l = 0; l < labels; l++) {
                votes[l] += y[best[i]][l] ? s : 0;
            }
        }
        for (int l = 0; l < labels && sum > 0; l++) {
            votes[l] /= sum;
        }
        return votes;
    }

    /** Writes the index compactly: per feature its id gap, then its texts as gaps and one byte per value. */
    void write(DataOutputStream out) throws IOException {
        out.writeInt(k);
        out.writeInt(labels);
        out.writeInt(y.length);
        for (boolean[] row : y) {
            int bits = 0;
            for (int l = 0; l < labels; l++) {
                bits |= row[l] ? 1 << l : 0;
            }
            out.writeInt(bits);
        }
        out.writeInt(features.length);
        for (int f = 0; f < features.length; f++) {
            writeVarint(out, f == 0 ? features[0] : features[f] - features[f - 1]);
            int[] docs = postingDocs[f];
            writeVarint(out, docs.length);
            for (int j = 0; j < docs.length; j++) {
                writeVarint(out, j == 0 ? docs[0] : docs[j] - docs[j - 1]);
                out.writeByte(Math.round(postingValues[f][j] * 255));
            }
        }
    }

    /** Reads what {@link #write} wrote. */
    static NearestNeighbours read(DataInputStream in) throws IOException {
        int k = in.readInt();
        int labels = in.readInt();
        int texts = in.readInt();
        if (k < 1 || labels < 1 || labels > 31 || texts < 0) {
            throw new IOException("corrupt model: neighbour index of " + texts + " texts, k " + k);
        }
        boolean[][] y = new boolean[texts][labels];
        for (boolean[] row : y) {
            int bits = in.readInt();
            for (int l = 0; l < labels; l++) {
                row[l] = (bits & 1 << l) != 0;
            }
        }
        int[] features = new int[in.readInt()];
        int[][] docs = new int[features.length][];
        float[][] values = new float[features.length][];
        for (int f = 0; f < features.length; f++) {
            features[f] = (f == 0 ? 0 : features[f - 1]) + readVarint(in);
            docs[f] = new int[readVarint(in)];
            values[f] = new float[docs[f].length];
            for (int j = 0; j < docs[f].length; j++) {
                docs[f][j] = (j == 0 ? 0 : docs[f][j - 1]) + readVarint(in);
                if (docs[f][j] >= texts) {
                    throw new IOException("corrupt model: neighbour text " + docs[f][j] + " of " + texts);
                }
                values[f][j] = (in.readByte() & 0xFF) / 255f;
            }
        }
        return new NearestNeighbours(k, labels, y, features, docs, values);
    }

    private static void writeVarint(DataOutputStream out, int v) throws IOException {
        while ((v & ~0x7F) != 0) {
            out.writeByte((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.writeByte(v);
    }

    private static int readVarint(DataInputStream in) throws IOException {
        int v = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = in.readByte() & 0xFF;
            v |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new IOException("corrupt model: bad varint");
    }

    private static boolean better(float[] sim, int a, int b) {
        return sim[a] > sim[b] || (sim[a] == sim[b] && a < b);
    }
}
