package org.policyminer.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.policyminer.clean.HtmlCleaner;
import org.policyminer.doc.Block;
import org.policyminer.doc.Clause;
import org.policyminer.doc.Section;
import org.policyminer.doc.StructuredText;
import org.policyminer.doc.Token;

class SegmenterTest {

    static NlpModels models;

    @BeforeAll
    static void load() {
        models = NlpModels.load();
    }

    @Test
    void clausesCarrySectionsLeadInsTokensAndExactOffsets() {
        StructuredText t = new HtmlCleaner().clean("""
                <h1>Privacy Policy</h1><h2>Data we collect</h2>
                <p>We collect data in two ways. Artec Europe S. a. r. l. is the controller. We collect:</p>
                <ul><li>your name, and</li><li>your e-mail address.</li></ul>
                <h3>Cookies</h3><p>We use cookies.</p><h2>Your rights</h2><p>You may ask us to delete your data.</p>""");
        List<Section> sections = Segmenter.sections(t);
        assertEquals(List.of(List.of("Privacy Policy"), List.of("Privacy Policy", "Data we collect"),
                List.of("Privacy Policy", "Data we collect", "Cookies"), List.of("Privacy Policy", "Your rights")),
                sections.stream().map(Section::path).toList());
        List<Clause> clauses = new Segmenter(models).clauses(t, sections, true);
        assertEquals(List.of("We collect data in two ways.", "Artec Europe S. a. r. l. is the controller.",
                "We collect:", "your name, and", "your e-mail address.", "We use cookies.",
                "You may ask us to delete your data."), clauses.stream().map(Clause::text).toList());
        for (Clause c : clauses) {
            assertEquals(c.text(), t.text().substring(c.start(), c.end()));
            assertFalse(c.tokens().isEmpty());
            for (Token tok : c.tokens()) {
                assertTrue(tok.start() >= c.start() && tok.end() <= c.end());
                assertFalse(tok.pos().isBlank());
            }
        }
        Clause item = clauses.get(3);
        assertEquals(Block.Kind.LIST_ITEM, item.kind());
        assertEquals(2, item.leadInId());
        assertEquals(List.of("Privacy Policy", "Data we collect"), item.sectionPath());
        assertEquals(-1, clauses.get(5).leadInId());
        assertEquals(List.of("Privacy Policy", "Data we collect", "Cookies"), clauses.get(5).sectionPath());
        Token we = clauses.get(0).tokens().get(0);
        assertEquals("We", t.text().substring(we.start(), we.end()));
        assertEquals("PRON", we.pos());
    }

    @Test
    void languageIsDetected() {
        LanguageIdentifier id = new LanguageIdentifier(models);
        assertEquals("eng", id.detect("We collect your personal data only when you give it to us, and we keep it "
                + "for no longer than necessary."));
        assertEquals("rus", id.detect(org.policyminer.Fixtures.RUSSIAN));
    }
}
