package org.policyminer.classify;

import java.util.Arrays;

/**
 * The second stage of the classifier: per label, a small logistic regression that turns first-stage scores into a
 * calibrated probability. Its inputs are, for every label the model scores, the logistic-regression logit, the
 * naive-Bayes log-odds (when the model has one) and the lexicon score. A label's own inputs always take part
 * (with only its own logit this is Platt scaling); with {@code crossLabel} every label's inputs do, so that labels
 * that travel together (sharing and data-collected) inform each other and the lexicon is weighed against the model
 * by data instead of by a fixed rule. Fitted on out-of-fold scores of the training data only.
 */
final class Calibration {

    /**
     * Which first-stage scores there are, in input order: logits, then naive-Bayes log-odds, then lexicon scores,
     * then nearest-neighbour votes. The last two are the "side" inputs: not linear in the features, so they keep a
     * matrix of their own when the stages are folded.
     */
    record Layout(int labels, boolean naiveBayes, boolean lexicon, boolean neighbours) {
        Layout(int labels, boolean naiveBayes, boolean lexicon) {
            this(labels, naiveBayes, lexicon, false);
        }

        /** Length of the input vector. */
        int width() {
            return labels * (1 + (naiveBayes ? 1 : 0) + (lexicon ? 1 : 0) + (neighbours ? 1 : 0));
        }

        /** Whether input {@code i} belongs to label {@code l} itself. */
        boolean own(int i, int l) {
            return i % labels == l;
        }
    }

    private final Layout layout;
    /** Per label: one weight per input, then the bias. */
    private final double[][] w;

    Calibration(Layout layout, double[][] w) {
        this.layout = layout;
        this.w = w;
    }

    /** Identity-like calibration (the raw logit's sigmoid) for a model trained without inner folds. */
    static Calibration identity(Layout layout) {
        double[][] w = new double[layout.labels()][layout.width() + 1];
        for (int l = 0; l < layout.labels(); l++) {
            w[l][l] = 1;
        }
        return new Calibration(layout, w);
    }

    Layout layout() {
        return layout;
    }

    double[][] weights() {
        return w;
    }

    /**
     * Concatenates first-stage scores into one input vector ({@code nb}, {@code lex}, {@code votes} may be null when
     * the layout has none).
     */
    static double[] inputs(Layout layout, double[] logits, double[] nb, double[] lex, double[] votes) {
        double[] x = Arrays.copyOf(logits, layout.width());
        int k = layout.labels();
        if (layout.naiveBayes()) {
            System.arraycopy(nb, 0, x, k, layout.labels());
            k += layout.labels();
        }
        if (layout.lexicon()) {
            System.arraycopy(lex, 0, x, k, layout.labels());
            k += layout.labels();
        }
        if (layout.neighbours()) {
            System.arraycopy(votes, 0, x, k, layout.labels());
        }
        return x;
    }

    /**
     * The whole classifier as one linear map: the second stage is linear in the first-stage scores, which are
     * linear in the features, so the two stages fold into one weight matrix over the features plus a matrix over
     * the lexicon scores. Classifying then costs one sparse product, as a single logistic regression does.
     *
     * @param weights feature-major weights and biases of the folded logits
     * @param lexicon per label, the weight of each label's lexicon score (all zero when the lexicon is no input),
     *                then of each label's nearest-neighbour vote when the model has neighbours
     * @param halves  the same weights in half precision, or null when they are not all half-precision numbers
     */
    record Folded(LogisticRegression.Weights weights, double[][] lexicon, short[] halves) {
        /** The folded model; it keeps its weights in half precision too when that loses nothing. */
        Folded(LogisticRegression.Weights weights, double[][] lexicon) {
            this(weights, lexicon, LogisticRegression.halves(weights.w()));
        }

        /**
         * Calibrated log-odds of every label for a vector and the side inputs: the lexicon scores of the model's
         * labels, followed by the neighbour votes when the model has neighbours.
         */
        double[] logits(SparseVector x, double[] side) {
            return logits(x.index(), x.value(), x.size(), side);
        }

        /** The same for the vector made of the first {@code size} entries of {@code index} and {@code value}. */
        double[] logits(int[] index, float[] value, int size, double[] side) {
            // Same scores either way; the halves are half the memory traffic (LogisticRegression.logits).
            double[] z = halves == null
                    ? weights.logits(new SparseVector(Arrays.copyOf(index, size), Arrays.copyOf(value, size)))
                    : LogisticRegression.logits(halves, weights.bias(), weights.labels(), index, value, size);
            for (int l = 0; l < z.length; l++) {
                for (int k = 0; k < side.length; k++) {
                    z[l] += lexicon[l][k] * side[k];
                }
            }
            return z;
        }
    }

    /** Folds this stage into the first-stage models ({@code nb} null when the layout has no naive Bayes). */
    Folded fold(LogisticRegression.Weights lr, LogisticRegression.Weights nb) {
        int n = layout.labels();
        int width = layout.width();
        float[] w = new float[lr.w().length];
        float[] bias = new float[n];
        // Side inputs: always a lexicon block (zero weights when the lexicon is no input), then the votes.
        int side = n * (layout.neighbours() ? 2 : 1);
        int sideFrom = n * (1 + (layout.naiveBayes() ? 1 : 0));
        double[][] lex = new double[n][side];
        for (int l = 0; l < n; l++) {
            double[] row = this.w[l];
            double b = row[width];
            for (int k = 0; k < n; k++) {
                b += row[k] * lr.bias()[k] + (nb == null ? 0 : row[n + k] * nb.bias()[k]);
                if (layout.lexicon()) {
                    lex[l][k] = row[sideFrom + k];
                }
                if (layout.neighbours()) {
                    lex[l][n + k] = row[width - n + k];
                }
            }
            bias[l] = (float) b;
        }
        for (int base = 0; base < w.length; base += n) {
            for (int l = 0; l < n; l++) {
                double[] row = this.w[l];
                double v = 0;
                for (int k = 0; k < n; k++) {
                    v += row[k] * lr.w()[base + k] + (nb == null ? 0 : row[n + k] * nb.w()[base + k]);
                }
                w[base + l] = (float) v;
            }
        }
        return new Folded(new LogisticRegression.Weights(n, w, bias), lex);
    }

    /** The calibrated probability of label {@code l} given the input vector. */
    double probability(int l, double[] x) {
        double[] wl = w[l];
        double z = wl[x.length];
        for (int i = 0; i < x.length; i++) {
            z += wl[i] * x[i];
        }
        return LogisticRegression.sigmoid(z);
    }

    /**
     * Fits label {@code l}'s weights on out-of-fold inputs {@code x} with gold {@code gold}: Platt's smoothed targets,
     * L2 penalty {@code l2} on every weight but the bias, and only the label's own inputs unless {@code crossLabel}.
     * Returns the row of weights (inputs, then bias).
     */
    static double[] fitLabel(Layout layout, double[][] x, boolean[] gold, int l, boolean crossLabel, double l2) {
        int width = layout.width();
        int[] used = java.util.stream.IntStream.range(0, width)
                .filter(i -> crossLabel || layout.own(i, l)).toArray();
        double[][] sub = new double[x.length][used.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < used.length; j++) {
                sub[i][j] = x[i][used[j]];
            }
        }
        double[] fitted = fit(sub, gold, l2);
        double[] row = new double[width + 1];
        for (int j = 0; j < used.length; j++) {
            row[used[j]] = fitted[j];
        }
        row[width] = fitted[used.length];
        return row;
    }

    /**
     * Logistic regression on dense inputs by Newton's method with backtracking (Lin, Lin and Weng 2007: plain Newton
     * diverges on separable scores), on Platt's smoothed targets. Returns the weights, then the bias.
     */
    static double[] fit(double[][] x, boolean[] gold, double l2) {
        int n = x.length;
        int d = n == 0 ? 0 : x[0].length;
        int pos = 0;
        for (boolean g : gold) {
            pos += g ? 1 : 0;
        }
        int neg = n - pos;
        double[] beta = new double[d + 1];
        if (pos == 0 || neg == 0) {
            if (d > 0) {
                beta[0] = 1;
            }
            return beta;
        }
        double hi = (pos + 1.0) / (pos + 2.0);
        double lo = 1.0 / (neg + 2.0);
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = gold[i] ? hi : lo;
        }
        beta[d] = Math.log((pos + 1.0) / (neg + 1.0));
        double f = loss(x, t, beta, l2);
        int m = d + 1;
        for (int iter = 0; iter < 100; iter++) {
            double[] g = new double[m];
            double[][] h = new double[m][m];
            for (int i = 0; i < n; i++) {
                double p = LogisticRegression.sigmoid(dot(beta, x[i]));
                double r = p - t[i];
                double s = p * (1 - p);
                for (int a = 0; a < m; a++) {
                    double xa = a < d ? x[i][a] : 1;
                    g[a] += r * xa;
                    for (int b = 0; b <= a; b++) {
                        h[a][b] += s * xa * (b < d ? x[i][b] : 1);
                    }
                }
            }
            for (int a = 0; a < m; a++) {
                for (int b = 0; b < a; b++) {
                    h[b][a] = h[a][b];
                }
                if (a < d) {
                    g[a] += l2 * beta[a];
                    h[a][a] += l2;
                }
                h[a][a] += 1e-12;
            }
            double gnorm = 0;
            for (double v : g) {
                gnorm = Math.max(gnorm, Math.abs(v));
            }
            if (gnorm < 1e-6) {
                break;
            }
            double[] step = solve(h, g);
            double slope = 0;
            for (int a = 0; a < m; a++) {
                step[a] = -step[a];
                slope += g[a] * step[a];
            }
            double size = 1;
            double[] next = new double[m];
            double nf;
            while (true) {
                for (int a = 0; a < m; a++) {
                    next[a] = beta[a] + size * step[a];
                }
                nf = loss(x, t, next, l2);
                if (nf <= f + 1e-4 * size * slope || size <= 1e-10) {
                    break;
                }
                size /= 2;
            }
            if (size <= 1e-10) {
                break;
            }
            System.arraycopy(next, 0, beta, 0, m);
            f = nf;
        }
        return beta;
    }

    private static double dot(double[] beta, double[] x) {
        double z = beta[x.length];
        for (int i = 0; i < x.length; i++) {
            z += beta[i] * x[i];
        }
        return z;
    }

    private static double loss(double[][] x, double[] t, double[] beta, double l2) {
        double loss = 0;
        for (int i = 0; i < x.length; i++) {
            double v = dot(beta, x[i]);
            // log(1 + e^v) - t v, computed without overflow
            loss += (v > 0 ? v + Math.log1p(Math.exp(-v)) : Math.log1p(Math.exp(v))) - t[i] * v;
        }
        for (int a = 0; a + 1 < beta.length; a++) {
            loss += 0.5 * l2 * beta[a] * beta[a];
        }
        return loss;
    }

    /** Solves {@code h s = g} for a symmetric positive-definite {@code h} by Gaussian elimination with pivoting. */
    private static double[] solve(double[][] h, double[] g) {
        int m = g.length;
        double[][] a = new double[m][m + 1];
        for (int i = 0; i < m; i++) {
            System.arraycopy(h[i], 0, a[i], 0, m);
            a[i][m] = g[i];
        }
        for (int c = 0; c < m; c++) {
            int p = c;
            for (int r = c + 1; r < m; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[p][c])) {
                    p = r;
                }
            }
            double[] tmp = a[c];
            a[c] = a[p];
            a[p] = tmp;
            double piv = a[c][c];
            if (Math.abs(piv) < 1e-300) {
                continue;
            }
            for (int r = c + 1; r < m; r++) {
                double f = a[r][c] / piv;
                for (int k = c; k <= m; k++) {
                    a[r][k] -= f * a[c][k];
                }
            }
        }
        double[] s = new double[m];
        for (int r = m - 1; r >= 0; r--) {
            double v = a[r][m];
            for (int k = r + 1; k < m; k++) {
                v -= a[r][k] * s[k];
            }
            s[r] = Math.abs(a[r][r]) < 1e-300 ? 0 : v / a[r][r];
        }
        return s;
    }
}
