package org.policyminer.classify;

import java.util.List;
import java.util.Random;

/**
 * One-vs-rest logistic regression with L2 regularisation, trained by AdaGrad over shuffled examples. All labels
 * share one pass over the data, which is what makes training take seconds. Deterministic for a given seed.
 */
final class LogisticRegression {

    /** Training settings. */
    record Params(int epochs, double learningRate, double l2) {
        static Params standard() {
            return new Params(12, 0.3, 1e-6);
        }
    }

    /** Weights laid out feature-major ({@code w[feature * labels + label]}) so one feature's labels sit together. */
    record Weights(int labels, float[] w, float[] bias) {

        /** The average of models of the same shape (averaging linear models averages their logits). */
        static Weights mean(List<Weights> models) {
            Weights first = models.get(0);
            float[] w = new float[first.w.length];
            float[] b = new float[first.labels];
            for (Weights m : models) {
                for (int i = 0; i < w.length; i++) {
                    w[i] += m.w[i] / models.size();
                }
                for (int l = 0; l < b.length; l++) {
                    b[l] += m.bias[l] / models.size();
                }
            }
            return new Weights(first.labels, w, b);
        }

        /** The raw scores (log-odds) of every label for one vector. */
        double[] logits(SparseVector x) {
            return LogisticRegression.logits(w, bias, labels, x);
        }
    }

    private LogisticRegression() {
    }

    /** Raw scores (log-odds) of every label: bias plus the weights of the vector's features ({@code w} feature-major). */
    static double[] logits(float[] w, float[] bias, int labels, SparseVector x) {
        double[] z = new double[labels];
        for (int l = 0; l < labels; l++) {
            z[l] = bias[l];
        }
        int[] idx = x.index();
        float[] val = x.value();
        for (int i = 0; i < idx.length; i++) {
            int base = idx[i] * labels;
            float v = val[i];
            for (int l = 0; l < labels; l++) {
                z[l] += w[base + l] * v;
            }
        }
        return z;
    }

    /**
     * The same scores from weights stored in half precision ({@link #halves}): each weight converts back to the very
     * float {@link #logits(float[], float[], int, SparseVector)} reads, and the arithmetic and its order are the same,
     * so the scores are bit-identical (each label's sum starts from its bias and adds the features in vector order;
     * FeaturesTest checks this on real clauses). Half the bytes per feature: a model's weights (2^18 features times
     * its labels, 12 MB as floats) do not fit in the cache, and every feature of a clause reads its row. The vector
     * is the first {@code size} entries of {@code idx} and {@code val}.
     */
    static double[] logits(short[] w, float[] bias, int labels, int[] idx, float[] val, int size) {
        double[] z = new double[labels];
        int l = 0;
        // Four labels per pass over the features, summed in registers: the array round trip of every partial sum
        // cost more than the arithmetic. Each label still adds its features in vector order.
        for (; l + 4 <= labels; l += 4) {
            double z0 = bias[l];
            double z1 = bias[l + 1];
            double z2 = bias[l + 2];
            double z3 = bias[l + 3];
            for (int i = 0; i < size; i++) {
                int k = idx[i] * labels + l;
                float v = val[i];
                z0 += Float.float16ToFloat(w[k]) * v;
                z1 += Float.float16ToFloat(w[k + 1]) * v;
                z2 += Float.float16ToFloat(w[k + 2]) * v;
                z3 += Float.float16ToFloat(w[k + 3]) * v;
            }
            z[l] = z0;
            z[l + 1] = z1;
            z[l + 2] = z2;
            z[l + 3] = z3;
        }
        for (; l < labels; l++) {
            double zl = bias[l];
            for (int i = 0; i < size; i++) {
                zl += Float.float16ToFloat(w[idx[i] * labels + l]) * val[i];
            }
            z[l] = zl;
        }
        return z;
    }

    /**
     * The weights in half precision when every one of them is exactly a half-precision number (a model read from a
     * file is: the file stores halves), otherwise null.
     */
    static short[] halves(float[] w) {
        short[] out = new short[w.length];
        for (int i = 0; i < w.length; i++) {
            short h = Float.floatToFloat16(w[i]);
            if (Float.floatToRawIntBits(Float.float16ToFloat(h)) != Float.floatToRawIntBits(w[i])) {
                return null;
            }
            out[i] = h;
        }
        return out;
    }

    static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /**
     * Experiment knob: a positive example of a label weighs (negatives / positives)^power, at most 10, so rare labels
     * weigh more; power 0 (the shipped setting) weighs every example 1. Measured, not shipped (models/README.md).
     */
    private static final double POSITIVE_WEIGHT_POWER = Double.parseDouble(System.getProperty("policyminer.train.posWeightPower", "0"));

    private static double[] positiveWeights(boolean[][] y, int labels) {
        double[] weight = new double[labels];
        for (int l = 0; l < labels; l++) {
            int positives = 0;
            for (boolean[] row : y) {
                positives += row[l] ? 1 : 0;
            }
            double ratio = positives == 0 ? 1 : (y.length - positives) / (double) positives;
            weight[l] = Math.min(10, Math.pow(Math.max(1, ratio), POSITIVE_WEIGHT_POWER));
        }
        return weight;
    }

    /** Trains on vectors {@code xs} with gold {@code y[example][label]}. */
    static Weights train(List<SparseVector> xs, boolean[][] y, int labels, int dims, Params p, long seed) {
        float[] w = new float[dims * labels];
        float[] g2 = new float[dims * labels];
        float[] bias = new float[labels];
        float[] bg2 = new float[labels];
        int n = xs.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random random = new Random(seed);
        double[] grad = new double[labels];
        double[] positiveWeight = positiveWeights(y, labels);
        float lr = (float) p.learningRate();
        float l2 = (float) p.l2();
        for (int epoch = 0; epoch < p.epochs(); epoch++) {
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            for (int e : order) {
                SparseVector x = xs.get(e);
                double[] z = logits(w, bias, labels, x);
                int[] idx = x.index();
                float[] val = x.value();
                for (int l = 0; l < labels; l++) {
                    grad[l] = y[e][l] ? positiveWeight[l] * (sigmoid(z[l]) - 1) : sigmoid(z[l]);
                    bg2[l] += (float) (grad[l] * grad[l]);
                    bias[l] -= (float) (lr * grad[l] / Math.sqrt(bg2[l] + 1e-8));
                }
                for (int i = 0; i < idx.length; i++) {
                    int base = idx[i] * labels;
                    float v = val[i];
                    for (int l = 0; l < labels; l++) {
                        int k = base + l;
                        float g = (float) (grad[l] * v) + l2 * w[k];
                        if (g == 0) {
                            continue;
                        }
                        g2[k] += g * g;
                        w[k] -= lr * g / (float) Math.sqrt(g2[k] + 1e-8);
                    }
                }
            }
        }
        return new Weights(labels, w, bias);
    }
}
