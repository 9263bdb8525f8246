package org.policyminer.segment;

/**
 * The argmax of a log-linear model's raw scores when it is certain: shared by the fast paths of
 * {@link GreedyPosTagger} and {@link NgramLanguageScorer}, which add the model's weights in another order than
 * OpenNLP does and so may differ from its sums in their last bits. They take a decision only when the winner
 * leads by more than that rounding could change; otherwise OpenNLP's own computation decides.
 */
final class DecisiveArgmax {

    /** A lead that exponentiating and normalising (each correct to an ulp or so) cannot erase or reorder. */
    static final double SAFE_GAP = 1e-6;
    /** Raw scores within ±this keep exp() finite and non-zero for any realistic number of outcomes. */
    private static final double SAFE_RANGE = 600;
    private static final double UNIT_ROUNDOFF = 0x1p-53;

    private DecisiveArgmax() {
    }

    /**
     * The lead needed when scores are sums of at most {@code terms} terms whose absolute values add up to at most
     * {@code magnitude}: |fl(sum) - sum| <= gamma(m) * sum|terms| for any order of m additions, so two orders
     * differ by twice that, and each of two compared scores may be off by it; plus {@link #SAFE_GAP}.
     */
    static double gap(long terms, double magnitude) {
        double gamma = terms * UNIT_ROUNDOFF / (1 - terms * UNIT_ROUNDOFF);
        return SAFE_GAP + 4 * gamma * magnitude;
    }

    /** The outcome whose score leads every other by more than {@code gap}, or -1 when none does. */
    static int of(double[] scores, double gap) {
        int best = 0;
        for (int o = 1; o < scores.length; o++) {
            if (scores[o] > scores[best]) {
                best = o;
            }
        }
        double top = scores[best];
        if (!(Math.abs(top) < SAFE_RANGE)) {
            return -1;
        }
        for (int o = 0; o < scores.length; o++) {
            if (o != best && !(top - scores[o] > gap)) {
                return -1;
            }
        }
        return best;
    }
}
