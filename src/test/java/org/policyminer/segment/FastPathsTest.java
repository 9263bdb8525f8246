package org.policyminer.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import opennlp.tools.tokenize.TokenizerME;
import opennlp.tools.util.Span;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.policyminer.Fixtures;
import org.policyminer.PolicyMinerException;
import org.policyminer.clean.Cleaner;
import org.policyminer.doc.Clause;
import org.policyminer.doc.StructuredText;
import org.policyminer.ingest.Decoder;

/**
 * The segmenter's fast tokenizer and tagger give exactly what OpenNLP's own code path gives, on every clause of
 * the seed corpus and the OPP-115 sample (real policy text with its punctuation, URLs, e-mail addresses and
 * headings), with the real models.
 */
class FastPathsTest {

    static NlpModels models;
    static List<String> clauses = new ArrayList<>();

    @BeforeAll
    static void load() throws IOException {
        models = NlpModels.load();
        Segmenter segmenter = new Segmenter(models);
        for (Path dir : List.of(Fixtures.CORPUS, Path.of("src/test/resources/opp115-mini/sanitized_policies"))) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path p : files.sorted().toList()) {
                    StructuredText t;
                    try {
                        Decoder.Decoded d = Decoder.decode(Files.readAllBytes(p), null);
                        t = Cleaner.forFormat(d.format()).clean(d.text());
                    } catch (PolicyMinerException e) {
                        continue;
                    }
                    for (Clause c : segmenter.clauses(t, Segmenter.sections(t), false)) {
                        clauses.add(c.text());
                    }
                }
            }
        }
        assertTrue(clauses.size() > 500, "too little text to compare on: " + clauses.size());
    }

    @Test
    void cachingTokenizerSplitsAsTokenizerMe() {
        TokenizerME reference = new TokenizerME(models.tokens());
        CachingTokenizer cached = new CachingTokenizer(models.tokens());
        for (int pass = 0; pass < 2; pass++) {  // the second pass answers from the cache
            for (String c : clauses) {
                assertArrayEquals(reference.tokenizePos(c), cached.tokenizePos(c), c);
            }
        }
        String tricky = "e-mail: privacy@example.com (see www.example.com/privacy.html), \"Inc.\" U.S. 1,000.50 $5";
        assertArrayEquals(reference.tokenizePos(tricky), cached.tokenizePos(tricky));
    }

    @Test
    void fastTaggerTagsAsTheOpenNlpPath() {
        GreedyPosTagger fast = new GreedyPosTagger(models.pos());
        GreedyPosTagger reference = GreedyPosTagger.onOpenNlpPath(models.pos());
        assertTrue(fast.isFast(), "the English model's features are the ones the fast path re-implements");
        TokenizerME tokenizer = new TokenizerME(models.tokens());
        long tokens = 0;
        for (String c : clauses) {
            String[] words = Span.spansToStrings(tokenizer.tokenizePos(c), c);
            assertArrayEquals(reference.tag(words), fast.tag(words), c);
            tokens += words.length;
        }
        // Sentence starts, one- and two-token inputs and an empty one exercise the window edges.
        for (String[] words : List.of(new String[] {"We"}, new String[] {"Cookies", "."}, new String[0],
                new String[] {"(", "a", ")", "UPPER", "CASE", "x1", "1999", "12", "3.5"})) {
            assertArrayEquals(reference.tag(words), fast.tag(words), String.join(" ", words));
        }
        System.out.printf("tagger: %d tokens of %d clauses tagged as on the OpenNLP path%n", tokens, clauses.size());
    }
}
