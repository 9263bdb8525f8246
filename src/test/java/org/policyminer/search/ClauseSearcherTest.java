package org.policyminer.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.policyminer.doc.AnnotatedDocument;
import org.policyminer.index.ClauseIndexer;
import org.policyminer.index.Policies;

class ClauseSearcherTest {

    @TempDir
    static Path dir;
    static ClauseSearcher searcher;

    @BeforeAll
    static void build() throws IOException {
        try (ClauseIndexer indexer = ClauseIndexer.open(dir)) {
            for (AnnotatedDocument d : Policies.sample()) {
                indexer.index(d);
            }
            indexer.commit();
        }
        searcher = ClauseSearcher.open(dir);
    }

    @AfterAll
    static void close() throws IOException {
        searcher.close();
    }

    private static SearchResults search(String q) throws Exception {
        return searcher.search(SearchRequest.of(q));
    }

    private static Set<String> texts(SearchResults r) {
        Set<String> s = new HashSet<>();
        r.hits().forEach(h -> s.add(h.text()));
        return s;
    }

    @Test
    void wordsAreStemmed() throws Exception {
        SearchResults r = search("retaining");
        assertEquals(3, r.total(), texts(r).toString()); // retain, retained, retains
        SearchResults.Hit hit = r.hits().stream().filter(h -> h.docId().equals("acme.html") && h.clauseId() == 1).findFirst().orElseThrow();
        assertEquals("Backups are <mark>retained</mark> for 30 days and then deleted.", hit.highlightHtml());
        assertEquals(3, search("text:retains").total());
        assertEquals(0, search("zebras").total(), "no indexed word has this stem");
        assertEquals(1, search("zebras OR backups").total());
    }

    @Test
    void quotedPhrasesMatchTheWordsAsWritten() throws Exception {
        SearchResults r = search("\"retained for\"");
        assertEquals(1, r.total());
        assertEquals("Backups are <mark>retained for</mark> 30 days and then deleted.", r.hits().get(0).highlightHtml());
        assertEquals(0, search("\"retain for\"").total(), "the exact field is not stemmed");
        // Stop words count in phrases: "as long as necessary" is not "as long necessary".
        assertEquals(1, search("\"as long as necessary\"").total());
        assertEquals(0, search("\"long necessary\"").total());
        // Sloppy and fielded phrases match the words as written too.
        assertEquals(1, search("\"backups retained\"~2").total());
        assertEquals(1, search("text:\"retained for\"").total());
    }

    @Test
    void phraseAndWordsHighlightTogether() throws Exception {
        SearchResults r = search("\"parental consent\" children");
        SearchResults.Hit top = r.hits().get(0);
        assertEquals("acme.html", top.docId());
        assertEquals("We do not knowingly collect data from <mark>children</mark> under 13 without <mark>parental consent</mark>.",
                top.highlightHtml());
    }

    @Test
    void booleanOperatorsAndFields() throws Exception {
        assertEquals(Set.of("We share your email address with Facebook for advertising."),
                texts(search("facebook AND section:sharing")));
        assertEquals(2, search("facebook").total());
        assertEquals(1, search("facebook NOT email").total());
        assertEquals(2, search("category:children").total());
        assertEquals(1, search("category:children AND review").total());
        assertEquals(2, search("category:children AND parents").total(), "parental and parents share a stem");
        assertEquals(3, search("doc:globex.md").total());
    }

    @Test
    void filtersNarrowAndCombineWithAnd() throws Exception {
        SearchRequest all = SearchRequest.of("data OR information");
        assertEquals(5, searcher.search(all).total());
        assertEquals(1, searcher.search(all.withCategories("security")).total());
        assertEquals(1, searcher.search(all.withCategories("children", "rights")).total());
        assertEquals(0, searcher.search(all.withCategories("children", "sharing")).total());
        assertEquals(2, searcher.search(all.withDoc("acme.html")).total());
        assertEquals(11, searcher.search(SearchRequest.of("")).total(), "an empty query matches every clause");
    }

    @Test
    void facetsCountAllMatchesNotJustThePage() throws Exception {
        SearchResults r = searcher.search(SearchRequest.of("data OR information OR share").page(1, 0));
        assertEquals(1, r.hits().size());
        assertEquals(6, r.total());
        assertEquals(2, r.categories().get("sharing"));
        assertEquals(2, r.categories().get("children"));
        assertEquals(1, r.categories().get("security"));
        assertEquals(3, r.docs().get("acme.html"));
        assertEquals(1, r.docs().get("globex.md"));
        assertEquals(2, r.docs().get("initech.txt"));
        assertEquals(3, r.policies());
        assertEquals(List.of("acme.html", "initech.txt", "globex.md"), List.copyOf(r.docs().keySet()), "largest first, then by id");
    }

    @Test
    void pagesDoNotOverlap() throws Exception {
        SearchRequest q = SearchRequest.of("");
        Set<String> seen = new HashSet<>();
        for (int offset = 0; offset < 11; offset += 4) {
            for (SearchResults.Hit h : searcher.search(q.page(4, offset)).hits()) {
                assertTrue(seen.add(h.docId() + "#" + h.clauseId()), "seen twice: " + h.docId() + "#" + h.clauseId());
            }
        }
        assertEquals(11, seen.size());
        assertTrue(searcher.search(q.page(4, 20)).hits().isEmpty());
    }

    @Test
    void groupsByPolicy() throws Exception {
        SearchResults r = searcher.search(SearchRequest.of("data OR information OR share").groupedByDoc(true).page(2, 0));
        assertTrue(r.hits().isEmpty());
        assertEquals(2, r.groups().size());
        assertEquals("acme.html", r.groups().get(0).docId());
        assertEquals(3, r.groups().get(0).count());
        assertEquals("Acme Privacy Policy", r.groups().get(0).title());
        assertEquals("acme.html", r.groups().get(0).best().docId());
        SearchResults next = searcher.search(SearchRequest.of("data OR information OR share").groupedByDoc(true).page(2, 2));
        assertEquals(1, next.groups().size());
        assertEquals("globex.md", next.groups().get(0).docId());
    }

    @Test
    void hitsCarryTheirClause() throws Exception {
        SearchResults.Hit h = search("encrypted").hits().get(0);
        assertEquals("initech.txt", h.docId());
        assertEquals(1, h.clauseId());
        assertEquals(List.of("Security"), h.sectionPath());
        assertEquals(0.8, h.categories().get("security"));
        assertEquals(null, h.title());
        assertTrue(h.score() > 0);
    }

    @Test
    void highlightEscapesHtml() throws Exception {
        SearchResults.Hit h = search("answer").hits().get(0);
        assertEquals("Write to &lt;privacy@acme.example&gt; &amp; we will <mark>answer</mark>.", h.highlightHtml());
        assertEquals("Write to <privacy@acme.example> & we will [answer].", h.highlight("[", "]"));
    }

    @Test
    void malformedQueriesGetOneLine() {
        for (String q : List.of("foo AND", "(retain", "\"retain", "section:", "a OR OR b", "retain^", "foo\\")) {
            InvalidQueryException e = assertThrows(InvalidQueryException.class, () -> search(q), q);
            assertFalse(e.getMessage().contains("\n"), q + " -> " + e.getMessage());
            assertTrue(e.getMessage().startsWith("malformed query"), q + " -> " + e.getMessage());
        }
    }

    @Test
    void expensiveOrUnknownQueriesAreRefused() {
        assertTrue(assertThrows(InvalidQueryException.class, () -> search("*tain")).getMessage().contains("too broad"));
        assertTrue(assertThrows(InvalidQueryException.class, () -> search("r*")).getMessage().contains("too broad"));
        assertTrue(assertThrows(InvalidQueryException.class, () -> search("ret* dat* sha* inf*")).getMessage().contains("too many"));
        assertTrue(assertThrows(InvalidQueryException.class, () -> search("/ret.*/")).getMessage().contains("regular expressions"));
        assertTrue(assertThrows(InvalidQueryException.class, () -> search("category:cookies")).getMessage().contains("unknown category 'cookies'"));
        assertTrue(assertThrows(InvalidQueryException.class, () -> search("author:me")).getMessage().contains("unknown field"));
        assertTrue(assertThrows(InvalidQueryException.class, () -> search("x".repeat(501))).getMessage().contains("limit is 500"));
        assertThrows(InvalidQueryException.class, () -> searcher.search(SearchRequest.of("x").page(ClauseSearcher.MAX_LIMIT + 1, 0)));
        assertThrows(InvalidQueryException.class, () -> searcher.search(SearchRequest.of("x").page(10, ClauseSearcher.MAX_WINDOW)));
        assertThrows(InvalidQueryException.class, () -> searcher.search(SearchRequest.of("x").withCategories("nope")));
    }

    @Test
    void wildcardsWithinLimitsWork() throws Exception {
        assertEquals(3, search("ret*").total()); // retain, retained, retains
        SearchResults.Hit h = search("encrypt*").hits().get(0);
        assertEquals("Data is <mark>encrypted</mark> in transit and at rest.", h.highlightHtml());
    }

    @Test
    void policyViewListsClausesInOrder() throws Exception {
        PolicyView p = searcher.policy("acme.html").orElseThrow();
        assertEquals("Acme Privacy Policy", p.title());
        assertEquals(5, p.clauses().size());
        for (int i = 0; i < 5; i++) {
            assertEquals(i, p.clauses().get(i).clauseId());
        }
        assertEquals(List.of("Acme Privacy Policy", "Sharing"), p.clauses().get(2).sectionPath());
        assertTrue(searcher.policy("nope").isEmpty());
    }

    @Test
    void statsCountTheIndex() throws Exception {
        IndexStats s = searcher.stats();
        assertEquals(3, s.documents());
        assertEquals(11, s.clauses());
        assertEquals(3, s.categories().get("retention"));
        assertEquals(0, s.categories().get("do-not-track"));
        assertEquals(15, s.categories().size());
    }

    @Test
    void missingIndexIsExplained() {
        IOException e = assertThrows(IOException.class, () -> ClauseSearcher.open(dir.resolve("nothing-here")));
        assertTrue(e.getMessage().contains("policyminer index"), e.getMessage());
    }
}
