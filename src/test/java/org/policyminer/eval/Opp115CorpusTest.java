package org.policyminer.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.policyminer.segment.NlpModels;

class Opp115CorpusTest {

    static List<Opp115Corpus.Policy> policies;

    static Path fixture() throws URISyntaxException {
        return Path.of(Opp115CorpusTest.class.getResource("/opp115-mini/annotations").toURI()).getParent();
    }

    @BeforeAll
    static void read() throws Exception {
        policies = new Opp115Corpus(NlpModels.load().sentences()).read(fixture());
    }

    @Test
    void readsEveryPolicyAndSegment() {
        assertEquals(List.of("584_communitycoffee.com", "745_eatchicken.com", "884_naturalnews.com", "988_solarviews.com"),
                policies.stream().map(Opp115Corpus.Policy::id).toList());
        Opp115Corpus.Policy natural = policies.get(2);
        assertEquals(5, natural.segments().size());
        assertEquals(1, policies.get(3).segments().size());
    }

    @Test
    void majorityGoldSplitsOtherByItsType() {
        Opp115Corpus.Policy natural = policies.get(2);
        assertEquals(Set.of("Third Party Sharing/Collection"), natural.segments().get(0).labels());
        assertEquals(Set.of("Privacy contact information"), natural.segments().get(2).labels());
        assertEquals(Set.of("Privacy contact information", "User Choice/Control"), natural.segments().get(4).labels());
    }

    @Test
    void markupIsStrippedAndHeadingsBecomeSections() {
        LabeledUnit first = policies.get(2).segments().get(0);
        assertFalse(first.unit().text().contains("<br>"), first.unit().text());
        assertEquals("Privacy Policy", first.unit().section());
        assertEquals(0.0, first.unit().position());
        assertTrue(policies.get(2).segments().get(1).unit().previous().startsWith("Privacy Policy"));
    }

    @Test
    void sentencesCarryTheLabelsOfOverlappingMajoritySpans() {
        List<LabeledUnit> sentences = policies.get(2).sentences();
        assertEquals(5, sentences.size());
        assertTrue(sentences.stream().noneMatch(s -> s.unit().text().equals("Privacy Policy")), "headings are not sentences");
        LabeledUnit optOut = sentences.stream().filter(s -> s.unit().text().startsWith("To opt-out of NaturalNews emails"))
                .findFirst().orElseThrow();
        assertTrue(optOut.labels().contains("User Choice/Control"), optOut.toString());
        long labelled = sentences.stream().filter(s -> !s.labels().isEmpty()).count();
        assertTrue(labelled > 0 && labelled < sentences.size(), labelled + " of " + sentences.size());
    }

    @Test
    void cleanSegmentMapsRawOffsets() {
        CleanSegment s = CleanSegment.of("Title <br> <br> We <strong>collect</strong> data.");
        assertEquals("Title\nWe collect data.", s.text());
        int[] span = s.locate("<strong>collect</strong> data", 19, 48);
        assertEquals("collect data", s.text().substring(span[0], span[1]));
        int[] moved = s.locate("data.", 3, 8);
        assertEquals("data.", s.text().substring(moved[0], moved[1]), "a wrong offset is repaired from the selected text");
    }

    @Test
    void notACorpusIsAClearError(@TempDir Path dir) {
        IOException e = assertThrows(IOException.class, () -> new Opp115Corpus(NlpModels.load().sentences()).read(dir));
        assertTrue(e.getMessage().contains("annotations/"), e.getMessage());
    }
}
