package org.policyminer.extract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.policyminer.TextSamples;
import org.policyminer.doc.AnnotatedDocument;
import org.policyminer.doc.Clause;
import org.policyminer.text.LiteralFilter;

/**
 * The extractor's shortcuts give what the plain computations they replace give, on real policy text: patterns
 * skipped where their literal filters rule a clause out, first-party names found without splitting every clause,
 * and the polarity model reading each clause's words once per document.
 */
class ExtractorFastPathTest {

    /** Real texts: the sample blocks and the seed policies' clauses. */
    static List<String> texts() {
        List<String> out = new ArrayList<>(TextSamples.blocks());
        for (AnnotatedDocument d : SeedCorpus.docs().values()) {
            d.clauses().forEach(c -> out.add(c.text()));
        }
        return out;
    }

    @Test
    void aPatternSkippedByItsFilterWouldHaveFoundNothing() {
        Extractor x = Extractor.bundled();
        Map<String, Pattern> patterns = Map.of("email", Extractor.EMAIL, "postal", Extractor.POSTAL,
                "url-or-email", Extractor.URL_OR_EMAIL, "age", x.agePattern, "period", Durations.PERIOD);
        Map<String, LiteralFilter> filters = Map.of("email", Extractor.EMAIL_FILTER, "postal", Extractor.POSTAL_FILTER,
                "url-or-email", Extractor.URL_OR_EMAIL_FILTER, "age", x.ageFilter, "period", Durations.PERIOD_FILTER);
        List<String> texts = texts();
        for (String name : patterns.keySet()) {
            int skipped = 0;
            int found = 0;
            for (String text : texts) {
                boolean matches = patterns.get(name).matcher(text).find();
                if (!filters.get(name).mayMatch(LiteralFilter.lower(text))) {
                    assertFalse(matches, name + " skipped but matches: " + text);
                    skipped++;
                }
                found += matches ? 1 : 0;
            }
            // Both halves of the comparison happen: the pattern matches somewhere, and most texts are skipped.
            assertTrue(found > 0, name + " never matches");
            assertTrue(skipped > texts.size() / 3, name + " skips only " + skipped + " of " + texts.size());
        }
    }

    @Test
    void firstPartyNamesAreThoseEveryClauseSplitIntoWordsGives() {
        Extractor x = Extractor.bundled();
        int names = 0;
        for (AnnotatedDocument d : SeedCorpus.docs().values()) {
            // The document's own id and title, the others' ids (names the text may or may not write), a non-ASCII one.
            List<String> ids = new ArrayList<>(SeedCorpus.docs().keySet());
            ids.add("straße-café.de");
            ids.add(null);
            for (String id : ids) {
                for (String title : List.of(d.title() == null ? "" : d.title(), "Privacy Policy")) {
                    Set<String> expected = reference(id, title, d.clauses());
                    assertEquals(expected, x.firstPartyNames(id, title, d.clauses()), d.docId() + " as " + id);
                    names += expected.size();
                }
            }
        }
        assertTrue(names > 20, "names found: " + names);
    }

    /** {@link Extractor#firstPartyNames} as it was written first: every clause split into words. */
    private static Set<String> reference(String docId, String title, List<Clause> clauses) {
        Set<String> candidates = new LinkedHashSet<>();
        Set<String> generic = Set.of("we", "our", "us", "you", "your", "the", "this", "that", "site", "website",
                "websites", "service", "services", "policy", "privacy", "company", "user", "users", "data", "personal",
                "information", "terms", "use", "app", "apps", "platform", "products", "product", "customer",
                "customers", "inc", "llc", "ltd", "limited", "corporation", "corp", "group", "statement", "notice",
                "online", "com", "www", "http", "https", "org", "net", "i", "a", "an", "and", "of", "in", "on", "for",
                "to", "by", "but", "not", "such", "as", "are", "is", "be", "including", "other", "others", "all", "any",
                "or", "with", "without", "from", "at", "it", "its", "no", "warranties", "warranty", "liability",
                "damages");
        String source = (docId == null ? "" : docId.replaceAll("(?i)\\.(txt|html?|md|pdf)$", "")
                .replaceAll("(?i)\\.(com|org|net|edu|gov|co|io)\\b.*", "")) + " " + (title == null ? "" : title);
        for (String w : source.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (w.length() >= 3 && !generic.contains(w) && !w.matches("\\d+|privacy|policy|personal|data|notice"
                    + "|statement|protection|cookie|cookies|terms|legal|http|https|www")) {
                candidates.add(w);
            }
        }
        Set<String> names = new HashSet<>();
        Pattern definition = Pattern.compile("[“\"]?(\\p{Lu}[\\p{L}\\p{N}.-]+)[”\"]?,?\\s*(?:\\(|,)?\\s*(?:[“\"]|hereinafter|also)"
                + "[^.]{0,40}?\\b(?:we|us|our)\\b");
        Pattern named = Pattern.compile("((?:\\p{Lu}[\\p{L}\\p{N}.&'-]*\\s+){0,5}\\p{Lu}[\\p{L}\\p{N}.&'-]*),?\\s*\\((?:[^)]{0,30}?[“\"](\\p{Lu}[\\p{L}\\p{N}.&-]*)[”\"],?\\s*(?:or|and|,)\\s*)?[^)]{0,10}?[“\"](?:we|We|us|Us|our|Our)\\b");
        for (Clause c : clauses) {
            String text = c.text();
            for (String w : text.split("[^\\p{L}\\p{N}.-]+")) {
                String lower = w.toLowerCase(Locale.ROOT).replaceAll("\\.+$", "");
                if (!w.isEmpty() && Character.isUpperCase(w.charAt(0)) && candidates.contains(lower)) {
                    names.add(lower);
                }
            }
            Matcher m = definition.matcher(text);
            if (m.find() && c.id() < 40) {
                String w = m.group(1).toLowerCase(Locale.ROOT).replaceAll("\\.+$", "");
                if (!generic.contains(w)) {
                    names.add(w);
                }
            }
        }
        for (int i = 0; i < Math.min(40, clauses.size()); i++) {
            Matcher m = named.matcher(clauses.get(i).text());
            while (m.find()) {
                names.add(m.group(1));
                if (m.group(2) != null) {
                    names.add(m.group(2));
                }
            }
        }
        Set<String> slugs = new HashSet<>();
        for (String n : names) {
            slugs.add(Extractor.slug(n));
        }
        slugs.remove("");
        for (String host : candidates) {
            slugs.add("host:" + host);
        }
        return slugs;
    }

    @Test
    void aTextsTfidfWordsAreItsNeighbourWordsUnlessItHasSurrogates() {
        TfidfLogistic tfidf = TfidfLogistic.fit(List.of("a text", "another text"));
        for (String text : texts()) {
            assertEquals(List.copyOf(PolarityModel.words(text)), List.copyOf(new LinkedHashSet<>(tfidf.terms(text).words())),
                    text);
        }
        // A lone supplementary letter is two characters but one code point: the one case the two readings differ.
        String math = "the \uD835\uDC00 sign";
        assertEquals(List.of("the", "\uD835\uDC00", "sign"), List.copyOf(PolarityModel.words(math)));
        assertEquals(List.of("the", "sign"), tfidf.terms(math).words());
    }

    /** The plain reading of a text's words that {@link TfidfLogistic#words} replaces. */
    private static List<String> patternWords(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("[\\p{L}\\p{N}]{2,}").matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    @Test
    void aTextsWordsReadByHandAreThoseOfTheWordPattern() {
        List<String> tricky = List.of("the \uD835\uDC00\uD835\uDC01 sign and \uD835\uDC00 alone", "x² ½ Ⅻ km²",
                "İstanbul ǅemal ﬁle", "a\u0301b c\u0301", "\uDC00ab\uD800 cd\uD800", "", "a", "ab", "42 a1 _ab_");
        for (String text : tricky) {
            assertEquals(patternWords(text), TfidfLogistic.words(text), text);
        }
        for (String text : texts()) {
            assertEquals(patternWords(text), TfidfLogistic.words(text), text);
        }
    }

    @Test
    void aTextsTermsSkippingBigramsOfUnknownWordsAreThoseOfLookingEveryBigramUp() {
        List<String> texts = texts();
        // Learned on half the texts, so that the other half holds unknown words and unknown bigrams.
        TfidfLogistic tfidf = TfidfLogistic.fit(texts.subList(0, texts.size() / 2));
        Map<String, Integer> vocabulary = tfidf.vocabulary();
        int bigrams = 0;
        for (String text : texts) {
            List<String> words = patternWords(text);
            List<Integer> unigrams = new ArrayList<>();
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < words.size(); i++) {
                if (vocabulary.containsKey(words.get(i))) {
                    unigrams.add(vocabulary.get(words.get(i)));
                }
                if (i + 1 < words.size() && vocabulary.containsKey(words.get(i) + " " + words.get(i + 1))) {
                    expected.add(vocabulary.get(words.get(i) + " " + words.get(i + 1)));
                }
            }
            TfidfLogistic.Terms terms = tfidf.terms(text);
            assertEquals(words, terms.words(), text);
            assertEquals(unigrams, java.util.Arrays.stream(terms.unigrams()).boxed().toList(), text);
            assertEquals(expected, java.util.Arrays.stream(terms.bigrams()).boxed().toList(), text);
            bigrams += expected.size();
        }
        assertTrue(bigrams > 1000, "bigrams found: " + bigrams);
    }

    @Test
    void thePolarityModelReadingEachClauseOnceGivesTheProbabilitiesOfReadingEveryTextWhole() {
        Extractor x = Extractor.bundled();
        PolarityModel model = PolarityModel.bundled().orElseThrow();
        int groups = 0;
        for (AnnotatedDocument d : SeedCorpus.docs().values()) {
            List<Clause> clauses = d.clauses();
            List<PolarityModel.Unit> units = new ArrayList<>();
            for (Clause c : clauses) {
                Extractor.Surroundings around = Extractor.Surroundings.of(c, clauses, d.text());
                PolarityModel.Unit u = x.polarityUnit(c, d.text(), around);
                units.add(u);
                // The neighbours as one text, as the model read them when it was trained.
                PolarityModel.Unit joined = new PolarityModel.Unit(u.text(), u.context(),
                        List.of(String.join(" ", u.neighbours())), u.cues());
                assertArrayEquals(model.probabilities(joined), model.probabilities(u), 0.0, c.text());
            }
            List<Clause.Polarity> expected = new ArrayList<>();
            double[] t = model.thresholds();
            PolarityModel.Combiner[] combiners = model.combiners();
            for (int[] g : PolarityModel.groups(clauses)) {
                List<PolarityModel.Unit> group = units.subList(g[0], g[1]);
                double[] whole = model.probabilities(PolarityModel.whole(group));
                assertArrayEquals(whole, model.wholeProbabilities(group), 0.0, group.toString());
                List<double[]> ps = group.stream().map(model::probabilities).toList();
                expected.addAll(PolarityModel.decide(ps, whole, t[0], t[1], combiners[0], combiners[1]));
                groups += g[1] - g[0] > 1 ? 1 : 0;
            }
            assertEquals(expected, model.decideAll(clauses, units), d.docId());
        }
        assertTrue(groups > 20, "groups of several clauses: " + groups);
    }
}
