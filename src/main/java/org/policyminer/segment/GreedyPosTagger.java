package org.policyminer.segment;

import opennlp.tools.ml.model.MaxentModel;
import opennlp.tools.postag.POSContextGenerator;
import opennlp.tools.postag.POSModel;
import opennlp.tools.util.SequenceValidator;

/**
 * Tags tokens with an OpenNLP POS model, left to right, keeping the single most probable tag the tag dictionary
 * allows at each token: what {@code POSTaggerME} does with beam size 1, without the beam's bookkeeping (sorting
 * every score vector, copying a sequence object per token), which was a quarter of the tagging time.
 *
 * <p>Not thread-safe (the context generator caches per sentence): make one per thread.
 */
public final class GreedyPosTagger {

    private final MaxentModel model;
    private final POSContextGenerator contexts;
    private final SequenceValidator<String> validator;
    private final String[] outcomes;
    private double[] probs;

    /** A tagger for the given model (its beam size setting is ignored). */
    public GreedyPosTagger(POSModel pos) {
        this.model = pos.getArtifact("pos.model");
        this.contexts = pos.getFactory().getPOSContextGenerator(0);
        this.validator = pos.getFactory().getSequenceValidator();
        this.outcomes = new String[model.getNumOutcomes()];
        for (int i = 0; i < outcomes.length; i++) {
            outcomes[i] = model.getOutcome(i);
        }
        this.probs = new double[outcomes.length];
    }

    /** One tag per token. */
    public String[] tag(String[] tokens) {
        String[] tags = new String[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            String[] context = contexts.getContext(i, tokens, tags, null);
            probs = model.eval(context, probs);
            int best = -1;
            int bestAny = 0;
            for (int o = 0; o < probs.length; o++) {
                if (probs[o] > probs[bestAny]) {
                    bestAny = o;
                }
                if ((best < 0 || probs[o] > probs[best]) && validator.validSequence(i, tokens, tags, outcomes[o])) {
                    best = o;
                }
            }
            // As the beam search does, fall back to the model's favourite when the dictionary allows nothing.
            tags[i] = outcomes[best >= 0 ? best : bestAny];
        }
        return tags;
    }
}
