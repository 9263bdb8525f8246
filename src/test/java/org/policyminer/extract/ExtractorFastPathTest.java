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
        for (String text : texts()) {
            assertEquals(List.copyOf(PolarityModel.words(text)), List.copyOf(new LinkedHashSet<>(TfidfLogistic.words(text))),
                    text);
        }
        // A lone supplementary letter is two characters but one code point: the one case the two readings differ.
        String math = "the \uD835\uDC00 sign";
        assertEquals(List.of("the", "\uD835\uDC00", "sign"), List.copyOf(PolarityModel.words(math)));
        assertEquals(List.of("the", "sign"), TfidfLogistic.words(math));
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
    void aTextsTermsLookedUpByWordIdsAreThoseOfLookingEveryStringUp() {
        List<String> texts = texts();
        // Learned on half the texts, so that the other half holds unknown words and unknown bigrams; told of a few
        // more words, which get ids but no dimension.
        List<String> more = List.of("cookies", "zzyzx", "opt", "ab");
        TfidfLogistic tfidf = TfidfLogistic.fit(texts.subList(0, texts.size() / 2)).knowing(more);
        Map<String, Integer> vocabulary = tfidf.vocabulary();
        Set<String> halves = new HashSet<>(more);
        for (String t : vocabulary.keySet()) {
            halves.addAll(List.of(t.split(" ")));
        }
        Set<Integer> ids = new HashSet<>();
        int bigrams = 0;
        for (String text : texts) {
            List<String> words = patternWords(text);
            List<Integer> wordIds = new ArrayList<>();
            List<Integer> unigrams = new ArrayList<>();
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < words.size(); i++) {
                String w = words.get(i);
                wordIds.add(halves.contains(w) ? tfidf.wordId(w) : -1);
                if (vocabulary.containsKey(w)) {
                    unigrams.add(vocabulary.get(w));
                }
                if (i + 1 < words.size() && vocabulary.containsKey(w + " " + words.get(i + 1))) {
                    expected.add(vocabulary.get(w + " " + words.get(i + 1)));
                }
            }
            TfidfLogistic.Terms terms = tfidf.terms(text);
            assertEquals(wordIds, java.util.Arrays.stream(terms.words()).boxed().toList(), text);
            assertEquals(unigrams, java.util.Arrays.stream(terms.unigrams()).boxed().toList(), text);
            assertEquals(expected, java.util.Arrays.stream(terms.bigrams()).boxed().toList(), text);
            bigrams += expected.size();
            for (int i = 0; i < words.size(); i++) {
                if (wordIds.get(i) >= 0) {
                    ids.add(wordIds.get(i));
                }
            }
        }
        assertTrue(bigrams > 1000, "bigrams found: " + bigrams);
        // Distinct words, distinct ids; and an id is only ever given to its own word.
        long distinctKnown = texts.stream().flatMap(t -> patternWords(t).stream()).distinct()
                .filter(w -> tfidf.wordId(w) >= 0).count();
        assertEquals(distinctKnown, ids.size());
        assertEquals(-1, tfidf.wordId("not a word"));
    }

    /** The TF-IDF vector of texts joined by spaces as it was first computed: strings looked up, a boxed map. */
    private static TfidfLogistic.Vector plainVector(TfidfLogistic tfidf, String text) {
        Map<String, Integer> vocabulary = tfidf.vocabulary();
        List<String> words = patternWords(text);
        Map<Integer, Integer> tf = new java.util.HashMap<>();
        for (String w : words) {
            if (vocabulary.containsKey(w)) {
                tf.merge(vocabulary.get(w), 1, Integer::sum);
            }
        }
        for (int i = 0; i + 1 < words.size(); i++) {
            Integer d = vocabulary.get(words.get(i) + " " + words.get(i + 1));
            if (d != null) {
                tf.merge(d, 1, Integer::sum);
            }
        }
        int[] index = new int[tf.size()];
        double[] value = new double[tf.size()];
        int k = 0;
        double norm = 0;
        for (Map.Entry<Integer, Integer> e : tf.entrySet()) {
            index[k] = e.getKey();
            value[k] = (1 + Math.log(e.getValue())) * tfidf.idf(e.getKey());
            norm += value[k] * value[k];
            k++;
        }
        norm = Math.sqrt(norm);
        for (int i = 0; i < value.length && norm > 0; i++) {
            value[i] /= norm;
        }
        return new TfidfLogistic.Vector(index, value);
    }

    @Test
    void tfidfVectorsAreThoseOfTheBoxedMapEntryForEntry() {
        TfidfLogistic tfidf = PolarityModel.bundled().orElseThrow().tfidf();
        int entries = 0;
        for (AnnotatedDocument d : SeedCorpus.docs().values()) {
            List<Clause> clauses = d.clauses();
            List<TfidfLogistic.Terms> parts = new ArrayList<>();
            List<String> texts = new ArrayList<>();
            for (Clause c : clauses) {
                TfidfLogistic.Vector plain = plainVector(tfidf, c.text());
                TfidfLogistic.Vector fast = tfidf.vector(c.text());
                assertArrayEquals(plain.index(), fast.index(), c.text());
                assertArrayEquals(plain.value(), fast.value(), 0.0, c.text());
                entries += plain.index().length;
                parts.add(tfidf.terms(c.text()));
                texts.add(c.text());
            }
            // A whole document as one unit: hundreds of terms, a table resized many times.
            TfidfLogistic.Vector plain = plainVector(tfidf, String.join(" ", texts));
            TfidfLogistic.Vector fast = tfidf.vector(parts);
            assertArrayEquals(plain.index(), fast.index(), d.docId());
            assertArrayEquals(plain.value(), fast.value(), 0.0, d.docId());
        }
        assertTrue(entries > 10_000, "entries compared: " + entries);
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

    /**
     * A unit's probabilities as the model was first computed: its TF-IDF vector from strings, then its cue,
     * context-word and neighbour-word features by name in the order of {@link PolarityModel#extraFeatures}, each
     * block L2-normalised, scored by each regression on its own.
     */
    private static double[] plainProbabilities(PolarityModel model, PolarityModel.Unit u) {
        TfidfLogistic.Vector words = plainVector(model.tfidf(), u.text());
        List<List<Integer>> blocks = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (String f : PolarityModel.extraFeatures(u)) {
            Integer d = model.extra().get(f);
            if (d != null) {
                blocks.get(f.startsWith("context=") ? 1 : f.startsWith("near=") ? 2 : 0).add(d);
            }
        }
        double[] weights = {PolarityModel.CUE_WEIGHT, PolarityModel.CONTEXT_WEIGHT, PolarityModel.NEIGHBOUR_WEIGHT};
        List<Integer> index = new ArrayList<>(java.util.Arrays.stream(words.index()).boxed().toList());
        List<Double> value = new ArrayList<>(java.util.Arrays.stream(words.value()).boxed().toList());
        for (int b = 0; b < 3; b++) {
            for (int d : blocks.get(b)) {
                index.add(d);
                value.add(weights[b] / Math.sqrt(blocks.get(b).size()));
            }
        }
        TfidfLogistic.Vector x = new TfidfLogistic.Vector(index.stream().mapToInt(Integer::intValue).toArray(),
                value.stream().mapToDouble(Double::doubleValue).toArray());
        TfidfLogistic.Model[] models = model.models();
        return new double[] {models[0].probability(x), models[1].probability(x)};
    }

    @Test
    void thePolarityModelGivesTheProbabilitiesOfThePlainComputationBitForBit() {
        Extractor x = Extractor.bundled();
        PolarityModel model = PolarityModel.bundled().orElseThrow();
        int units = 0;
        for (AnnotatedDocument d : SeedCorpus.docs().values()) {
            List<Clause> clauses = d.clauses();
            List<PolarityModel.Unit> all = new ArrayList<>();
            for (Clause c : clauses) {
                PolarityModel.Unit u = x.polarityUnit(c, d.text(), Extractor.Surroundings.of(c, clauses, d.text()));
                assertArrayEquals(plainProbabilities(model, u), model.probabilities(u), 0.0, c.text());
                all.add(u);
                units++;
            }
            for (int[] g : PolarityModel.groups(clauses)) {
                List<PolarityModel.Unit> group = all.subList(g[0], g[1]);
                assertArrayEquals(plainProbabilities(model, PolarityModel.whole(group)), model.wholeProbabilities(group),
                        0.0, group.toString());
            }
        }
        assertTrue(units > 500, "units compared: " + units);
    }
}
