package org.policyminer.classify;

import java.util.List;

/**
 * One-vs-rest multinomial naive Bayes on the same feature vectors as {@link LogisticRegression}: per label, the
 * log-count ratio of each feature between positive and negative examples (Wang and Manning's NB features), plus
 * the log prior odds. Its log-odds make a second opinion that the {@link Calibration} stage weighs against the
 * logistic regression: naive Bayes does well on short texts and rare labels, where the regression has few
 * examples to learn from.
 */
final class NaiveBayes {

    private NaiveBayes() {
    }

    /** Fits the log-count ratios with additive smoothing {@code alpha}; laid out like logistic-regression weights. */
    static LogisticRegression.Weights train(List<SparseVector> xs, boolean[][] y, int labels, int dims, double alpha) {
        double[] pos = new double[dims * labels];
        double[] neg = new double[dims * labels];
        int[] positives = new int[labels];
        for (int e = 0; e < xs.size(); e++) {
            SparseVector x = xs.get(e);
            int[] idx = x.index();
            float[] val = x.value();
            for (int l = 0; l < labels; l++) {
                positives[l] += y[e][l] ? 1 : 0;
            }
            for (int i = 0; i < idx.length; i++) {
                int base = idx[i] * labels;
                for (int l = 0; l < labels; l++) {
                    if (y[e][l]) {
                        pos[base + l] += val[i];
                    } else {
                        neg[base + l] += val[i];
                    }
                }
            }
        }
        double[] posTotal = new double[labels];
        double[] negTotal = new double[labels];
        for (int k = 0; k < pos.length; k++) {
            posTotal[k % labels] += pos[k] + alpha;
            negTotal[k % labels] += neg[k] + alpha;
        }
        float[] w = new float[dims * labels];
        for (int k = 0; k < w.length; k++) {
            int l = k % labels;
            w[k] = (float) (Math.log((pos[k] + alpha) / posTotal[l]) - Math.log((neg[k] + alpha) / negTotal[l]));
        }
        float[] bias = new float[labels];
        int n = xs.size();
        for (int l = 0; l < labels; l++) {
            bias[l] = (float) Math.log((positives[l] + 1.0) / (n - positives[l] + 1.0));
        }
        return new LogisticRegression.Weights(labels, w, bias);
    }
}
