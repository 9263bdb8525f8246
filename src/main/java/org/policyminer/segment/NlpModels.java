package org.policyminer.segment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import java.util.Map;

import opennlp.tools.langdetect.LanguageDetectorModel;
import opennlp.tools.ml.model.MaxentModel;
import opennlp.tools.postag.POSModel;
import opennlp.tools.sentdetect.SentenceModel;
import opennlp.tools.tokenize.TokenizerFactory;
import opennlp.tools.tokenize.TokenizerModel;

/**
 * The OpenNLP models the pipeline uses, loaded once from the Maven Central model artifacts on the class path.
 * Models are immutable and shared by all threads; the per-call tools built from them are not.
 */
public record NlpModels(SentenceModel sentences, TokenizerModel tokens, POSModel pos, LanguageDetectorModel language) {

    private static final String SENTENCE_MODEL = "/opennlp-en-ud-ewt-sentence-1.3-2.5.4.bin";
    private static final String TOKEN_MODEL = "/opennlp-en-ud-ewt-tokens-1.3-2.5.4.bin";
    private static final String POS_MODEL = "/opennlp-en-ud-ewt-pos-1.3-2.5.4.bin";
    private static final String LANGUAGE_MODEL = "/langdetect-183.bin";

    /**
     * Loads the English sentence, token and POS models and the language detector (about a second), set up for
     * throughput: the POS tagger decodes greedily (beam size 1 instead of the model's 3) and the tokenizer leaves
     * purely alphanumeric words whole without asking its model. Both cut the dominant costs of the pipeline about
     * in half and change almost no output; {@code scripts/bench --agreement N} measures how much.
     */
    public static NlpModels load() {
        try {
            TokenizerModel tokens = new TokenizerModel(open(TOKEN_MODEL));
            TokenizerFactory f = tokens.getFactory();
            TokenizerModel fastTokens = new TokenizerModel(tokens.getMaxentModel(), Map.of(),
                    TokenizerFactory.create(null, f.getLanguageCode(), f.getAbbreviationDictionary(), true,
                            f.getAlphaNumericPattern()));
            POSModel pos = new POSModel(open(POS_MODEL));
            POSModel greedyPos = new POSModel(pos.getLanguage(), (MaxentModel) pos.getArtifact("pos.model"), 1,
                    Map.of(), pos.getFactory());
            return new NlpModels(new SentenceModel(open(SENTENCE_MODEL)), fastTokens, greedyPos,
                    new LanguageDetectorModel(open(LANGUAGE_MODEL)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the OpenNLP models", e);
        }
    }

    private static InputStream open(String resource) throws IOException {
        InputStream in = NlpModels.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IOException("model " + resource + " is not on the class path (is its Maven artifact missing?)");
        }
        return in;
    }
}
