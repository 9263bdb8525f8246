package org.policyminer.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class CalibrationTest {

    /** Label 1's gold follows label 0's score, not its own: only a cross-label calibration can see that. */
    private static double[][] inputs(Calibration.Layout layout, boolean[] gold1) {
        double[][] x = new double[200][];
        for (int i = 0; i < x.length; i++) {
            double z0 = (i % 20) - 9.5;
            double z1 = ((i * 7) % 13) - 6; // unrelated to the gold
            gold1[i] = z0 > 0;
            x[i] = Calibration.inputs(layout, new double[]{z0, z1}, null, null, null);
        }
        return x;
    }

    @Test
    void crossLabelCalibrationLearnsFromAnotherLabelsScore() {
        Calibration.Layout layout = new Calibration.Layout(2, false, false);
        boolean[] gold = new boolean[200];
        double[][] x = inputs(layout, gold);
        double[] own = Calibration.fitLabel(layout, x, gold, 1, false, 0.1);
        double[] cross = Calibration.fitLabel(layout, x, gold, 1, true, 0.1);
        assertEquals(0, own[0], 0, "own-score calibration must not use label 0's input");
        assertTrue(cross[0] > 0.5, "label 0's score predicts label 1: weight " + cross[0]);
        Calibration c = new Calibration(layout, new double[][]{{1, 0, 0}, cross});
        assertTrue(c.probability(1, x[19]) > 0.9 && c.probability(1, x[0]) < 0.1);
    }

    @Test
    void inputsConcatenateLogitsNaiveBayesAndLexicon() {
        Calibration.Layout layout = new Calibration.Layout(2, true, true);
        double[] x = Calibration.inputs(layout, new double[]{1, 2}, new double[]{3, 4}, new double[]{5, 6}, null);
        assertEquals(List.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0), java.util.Arrays.stream(x).boxed().toList());
        assertTrue(layout.own(2, 0) && layout.own(5, 1) && !layout.own(3, 0));
    }

    @Test
    void foldedModelScoresLikeTheTwoStages() {
        java.util.Random r = new java.util.Random(4);
        int n = 3;
        int dims = 8;
        Calibration.Layout layout = new Calibration.Layout(n, true, true);
        double[][] rows = new double[n][layout.width() + 1];
        for (double[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                row[i] = r.nextGaussian();
            }
        }
        LogisticRegression.Weights lr = randomWeights(r, n, dims);
        LogisticRegression.Weights nb = randomWeights(r, n, dims);
        Calibration c = new Calibration(layout, rows);
        Calibration.Folded folded = c.fold(lr, nb);
        SparseVector x = new SparseVector(new int[]{1, 4, 4, 7}, new float[]{0.5f, 0.25f, 0.1f, 0.8f});
        double[] lex = {0.7, 0, 0.2};
        double[] in = Calibration.inputs(layout, lr.logits(x), nb.logits(x), lex, null);
        double[] z = folded.logits(x, lex);
        for (int l = 0; l < n; l++) {
            assertEquals(c.probability(l, in), LogisticRegression.sigmoid(z[l]), 1e-5, "label " + l);
        }
    }

    private static LogisticRegression.Weights randomWeights(java.util.Random r, int labels, int dims) {
        float[] w = new float[labels * dims];
        float[] b = new float[labels];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) r.nextGaussian();
        }
        for (int l = 0; l < labels; l++) {
            b[l] = (float) r.nextGaussian();
        }
        return new LogisticRegression.Weights(labels, w, b);
    }

    @Test
    void naiveBayesFavoursFeaturesOfThePositives() {
        List<SparseVector> xs = List.of(
                new SparseVector(new int[]{0, 2}, new float[]{1, 1}),
                new SparseVector(new int[]{0}, new float[]{1}),
                new SparseVector(new int[]{1, 3}, new float[]{1, 0.5f}),
                new SparseVector(new int[]{1}, new float[]{1}));
        boolean[][] y = {{true}, {true}, {false}, {false}};
        LogisticRegression.Weights nb = NaiveBayes.train(xs, y, 1, 4, 0.1);
        assertTrue(nb.w()[0] > 0 && nb.w()[1] < 0, "feature 0 marks positives, feature 1 negatives");
        assertTrue(nb.logits(xs.get(0))[0] > nb.logits(xs.get(2))[0]);
    }
}
