package org.policyminer.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import opennlp.tools.langdetect.LanguageDetectorME;
import opennlp.tools.util.StringUtil;
import opennlp.tools.util.normalizer.AggregateCharSequenceNormalizer;
import opennlp.tools.util.normalizer.CharSequenceNormalizer;
import opennlp.tools.util.normalizer.EmojiCharSequenceNormalizer;
import opennlp.tools.util.normalizer.NumberCharSequenceNormalizer;
import opennlp.tools.util.normalizer.ShrinkCharSequenceNormalizer;
import opennlp.tools.util.normalizer.TwitterCharSequenceNormalizer;
import opennlp.tools.util.normalizer.UrlCharSequenceNormalizer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.policyminer.Fixtures;
import org.policyminer.PolicyMinerException;
import org.policyminer.clean.Cleaner;
import org.policyminer.ingest.Decoder;

/** The sampled language detection decides as scoring the whole text does. */
class LanguageIdentifierTest {

    static NlpModels models;
    /** What LanguageDetectorFactory.getContextGenerator() normalises with. */
    static final CharSequenceNormalizer OPENNLP_NORMALISERS = new AggregateCharSequenceNormalizer(
            EmojiCharSequenceNormalizer.getInstance(), UrlCharSequenceNormalizer.getInstance(),
            TwitterCharSequenceNormalizer.getInstance(), NumberCharSequenceNormalizer.getInstance(),
            ShrinkCharSequenceNormalizer.getInstance());

    @BeforeAll
    static void load() {
        models = NlpModels.load();
    }

    /**
     * Every document of the seed corpus and the OPP-115 sample, plus those of the directories named in the
     * system property {@code policyminer.langcheck} (separated by commas, e.g. the 80 OPP-115 dev pages).
     */
    @Test
    void sampleDecidesAsTheWholeText() throws IOException {
        List<Path> dirs = new ArrayList<>(List.of(Fixtures.CORPUS, Path.of("src/test/resources/opp115-mini/sanitized_policies")));
        for (String extra : System.getProperty("policyminer.langcheck", "").split(",")) {
            if (!extra.isBlank()) {
                dirs.add(Path.of(extra));
            }
        }
        LanguageIdentifier sampled = new LanguageIdentifier(models);
        LanguageDetectorME whole = new LanguageDetectorME(models.language());
        NgramLanguageScorer scorer = NgramLanguageScorer.of(models.language());
        int documents = 0;
        int sampledLonger = 0;
        int decidedFast = 0;
        int handWritten = 0;
        for (Path dir : dirs) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path p : files.sorted().toList()) {
                    String text;
                    try {
                        Decoder.Decoded d = Decoder.decode(Files.readAllBytes(p), null);
                        text = Cleaner.forFormat(d.format()).clean(d.text()).text();
                    } catch (PolicyMinerException e) {
                        continue;
                    }
                    assertEquals(whole.predictLanguage(text).getLang(), sampled.detect(text), p.toString());
                    String sample = LanguageIdentifier.sample(text);
                    assertEquals(OPENNLP_NORMALISERS.normalize(sample).toString(),
                            NgramLanguageScorer.normalise(sample).toString(), p.toString());
                    assertNormalisesAsOpenNlp(text);
                    String lower = OPENNLP_NORMALISERS.normalize(text).toString();
                    assertEquals(StringUtil.toLowerCaseCharBuffer(lower).toString(),
                            new String(NgramLanguageScorer.lowerCase(lower)), p.toString());
                    handWritten += DetectorNormaliser.normalise(sample) != null ? 1 : 0;
                    String fast = scorer.decide(sample);
                    if (fast != null) {
                        assertEquals(whole.predictLanguage(sample).getLang(), fast, p.toString());
                        decidedFast++;
                    }
                    documents++;
                    sampledLonger += text.length() > LanguageIdentifier.SAMPLE_CHARS ? 1 : 0;
                }
            }
        }
        System.out.printf("language: %d documents (%d sampled) decided as on their whole text%n", documents,
                sampledLonger);
        assertTrue(sampledLonger >= 5, "the check must include long documents");
        assertTrue(decidedFast >= documents * 9 / 10, "the n-gram scorer decides real pages: " + decidedFast);
        assertTrue(handWritten >= documents * 8 / 10, "the hand-written normaliser takes real pages: " + handWritten);
    }

    /** The hand-written normaliser, where it answers, says what OpenNLP's regular expressions say. */
    private static void assertNormalisesAsOpenNlp(String text) {
        String fast = DetectorNormaliser.normalise(text);
        if (fast != null) {
            assertEquals(OPENNLP_NORMALISERS.normalize(text).toString(), fast, text);
        }
    }

    /**
     * Random strings over the characters the normalisers' expressions care about (and their neighbours): URL and
     * e-mail shapes, hash tags, "rt", faces, laughs, digits, white space of every kind, line terminators, runs of
     * one character in both cases, surrogates alone and in pairs, the emoji class's bounds, non-ASCII letters and
     * a combining mark.
     */
    @Test
    void handWrittenNormaliserAgreesWithOpenNlpOnAdversarialStrings() {
        String[] pieces = {"http://", "https://", "http:/", "https:", "htt", "ps://", "@", "#", "rt ", "RT:", "Rt",
                "rt", ":", ";", "x", "X", "-", "(", ")", "d", "O", "p", "h", "H", "j", "J", "a", "E", "i", "o", "u",
                "ha", "jA", "0", "42", " ", "  ", "\t", "\n", "\r", "\u000B", "\f", "\u0085", "\u2028",
                "\u2029", "\u00A0", "aaa", "AaA", ".", "_", "+", "=", "/", "?", "&", "~", "e.g", "b.c", "\u00E9",
                "\u00C9", "\u0301", "\u0130", "\u017F", "\u212A", "\uD83D\uDE00", "\uD83D", "\uDE00",
                "\uD800\uDC00", "\uDBFF\uDFFF", "\uD83B", "\uD83C", "\uFF01", "\uE000", "\u4E2D", "!!!",
                "\u0000", "zz", "Q"};
        java.util.Random random = new java.util.Random(7);
        int answered = 0;
        for (int t = 0; t < 60_000; t++) {
            StringBuilder b = new StringBuilder();
            for (int k = random.nextInt(12); k >= 0; k--) {
                b.append(pieces[random.nextInt(pieces.length)]);
            }
            String s = b.toString();
            assertNormalisesAsOpenNlp(s);
            answered += DetectorNormaliser.normalise(s) != null ? 1 : 0;
            assertEquals(StringUtil.toLowerCaseCharBuffer(s).toString(), new String(NgramLanguageScorer.lowerCase(s)), s);
        }
        assertTrue(answered > 30_000, "the hand-written normaliser answers for most strings: " + answered);
    }

    /** The n-gram scorer picks what OpenNLP's detector picks, in other languages and scripts too. */
    @Test
    void scorerDecidesAsTheDetectorInOtherLanguages() {
        NgramLanguageScorer scorer = NgramLanguageScorer.of(models.language());
        LanguageDetectorME detector = new LanguageDetectorME(models.language());
        List<String> texts = List.of(Fixtures.RUSSIAN,
                "Wir erheben Ihre personenbezogenen Daten nur, wenn Sie uns diese freiwillig mitteilen.",
                "Nous collectons vos données personnelles uniquement lorsque vous nous les communiquez.",
                "Recopilamos sus datos personales solo cuando usted nos los proporciona voluntariamente.",
                "我们仅在您主动提供时收集您的个人信息，并在必要期限内保存。",
                "個人情報は、お客様ご自身が提供された場合にのみ収集します。",
                "Contact: privacy@example.com, https://example.com/privacy #cookies 2024-05-01 :-) hahaha !!!",
                "Emoji \uD83D\uDE00 between :/\uD83D\uDE00/ and a lone \uD83D surrogate, mail\uD83D\uDE00@x.org",
                "ok", "");
        int decided = 0;
        for (String t : texts) {
            assertEquals(OPENNLP_NORMALISERS.normalize(t).toString(), NgramLanguageScorer.normalise(t).toString(), t);
            String fast = scorer.decide(t);
            if (fast != null) {
                assertEquals(detector.predictLanguage(t).getLang(), fast, t);
                decided++;
            }
            assertEquals(detector.predictLanguage(t).getLang(), new LanguageIdentifier(models).detect(t), t);
        }
        assertEquals("rus", scorer.decide(Fixtures.RUSSIAN));
        assertTrue(decided >= 6, "decided " + decided + " of " + texts.size());
    }

    @Test
    void bodyOutweighsAForeignFirstScreen() {
        String banner = "We use cookies to improve your experience. Accept all cookies or manage your preferences. ";
        String text = banner + (Fixtures.RUSSIAN + " ").repeat(12);
        assertTrue(text.length() > LanguageIdentifier.SAMPLE_CHARS);
        assertEquals("rus", new LanguageIdentifier(models).detect(text));
    }

    @Test
    void sampleIsBoundedAndSpansTheText() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; b.length() < 20_000; i++) {
            b.append("word").append(i).append(' ');
        }
        String text = b.toString().strip();
        String sample = LanguageIdentifier.sample(text);
        assertTrue(sample.length() <= LanguageIdentifier.SAMPLE_CHARS + LanguageIdentifier.WINDOWS, "" + sample.length());
        assertTrue(sample.startsWith("word0 "));
        assertTrue(sample.endsWith(text.substring(text.lastIndexOf(' ') + 1)));
        for (String w : sample.split(" ")) {
            assertTrue(w.matches("word\\d+"), "no window cuts a word: " + w);
        }
        assertEquals("short text", LanguageIdentifier.sample("short text"));
    }
}
