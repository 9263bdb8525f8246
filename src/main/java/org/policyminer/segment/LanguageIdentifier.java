package org.policyminer.segment;

import opennlp.tools.langdetect.Language;
import opennlp.tools.langdetect.LanguageDetectorME;

/** Detects a document's language with OpenNLP's language detector (ISO 639-3 codes, e.g. {@code eng}). */
public final class LanguageIdentifier {

    private static final int SAMPLE_CHARS = 4000;
    private final LanguageDetectorME detector;

    /** Not thread-safe; make one per thread. */
    public LanguageIdentifier(NlpModels models) {
        this.detector = new LanguageDetectorME(models.language());
    }

    /** The most probable language of the text, judged on its first few thousand characters. */
    public String detect(String text) {
        String sample = text.length() > SAMPLE_CHARS ? text.substring(0, SAMPLE_CHARS) : text;
        Language best = detector.predictLanguage(sample);
        return best.getLang();
    }
}
