package org.policyminer.segment;

import opennlp.tools.langdetect.LanguageDetectorME;

/**
 * Detects a document's language with OpenNLP's language detector (ISO 639-3 codes, e.g. {@code eng}), scoring a
 * bounded sample of the text: the detector's cost grows with the text (every character n-gram is looked up for
 * every language), while a couple of thousand characters of one language already decide it.
 */
public final class LanguageIdentifier {

    /** Texts up to this length are scored whole; longer ones through {@link #WINDOWS} windows of equal share. */
    static final int SAMPLE_CHARS = 2000;
    /**
     * Windows spread from the start to the end of the text, so that a page whose first screen is in another
     * language than its body (a cookie banner, a language menu) is judged on the body as well.
     */
    static final int WINDOWS = 4;
    private final LanguageDetectorME detector;
    /** Decides the clear cases (nearly all) without OpenNLP's string maps; null for models it does not know. */
    private final NgramLanguageScorer scorer;

    /** Not thread-safe; make one per thread. */
    public LanguageIdentifier(NlpModels models) {
        this(models, true);
    }

    /**
     * The same identifier asking OpenNLP's detector for every sample: slower, the reference the n-gram scorer
     * is checked and benchmarked against.
     */
    public static LanguageIdentifier onOpenNlpPath(NlpModels models) {
        return new LanguageIdentifier(models, false);
    }

    private LanguageIdentifier(NlpModels models, boolean allowFast) {
        this.detector = new LanguageDetectorME(models.language());
        this.scorer = allowFast ? NgramLanguageScorer.of(models.language()) : null;
    }

    /**
     * The most probable language of the text, judged on {@link #sample(String) a sample} of it: what OpenNLP's
     * detector predicts for the sample, in every case.
     */
    public String detect(String text) {
        String sample = sample(text);
        String decided = scorer == null ? null : scorer.decide(sample);
        return decided != null ? decided : detector.predictLanguage(sample).getLang();
    }

    /**
     * The text itself when it is short, else {@link #WINDOWS} windows of it evenly spread from its start to its
     * end, each beginning and ending at white space where there is some nearby (so that no window contributes
     * the n-grams of half a word), joined by spaces; at most {@link #SAMPLE_CHARS} characters plus the joins.
     */
    static String sample(String text) {
        if (text.length() <= SAMPLE_CHARS) {
            return text;
        }
        int window = SAMPLE_CHARS / WINDOWS;
        StringBuilder out = new StringBuilder(SAMPLE_CHARS + WINDOWS);
        for (int i = 0; i < WINDOWS; i++) {
            int start = (int) ((long) (text.length() - window) * i / (WINDOWS - 1));
            int end = start + window;
            int s = i == 0 ? 0 : afterSpace(text, start, start + window / 4);
            int e = i == WINDOWS - 1 ? text.length() : beforeSpace(text, end, end - window / 4);
            if (e <= s) {
                s = start;
                e = end;
            }
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(text, s, e);
        }
        return out.toString();
    }

    /** The first index after a white-space character in [from, limit), or {@code from} when there is none. */
    private static int afterSpace(String text, int from, int limit) {
        for (int i = from; i < limit; i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i + 1;
            }
        }
        return from;
    }

    /** The last index of a white-space character in (limit, to], or {@code to} when there is none. */
    private static int beforeSpace(String text, int to, int limit) {
        for (int i = to; i > limit; i--) {
            if (Character.isWhitespace(text.charAt(i - 1))) {
                return i - 1;
            }
        }
        return to;
    }
}
