package org.policyminer.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.policyminer.index.IndexSchema;

class WordHighlighterTest {

    /** Word forms as an index holding these words would give them. */
    private static final Map<String, List<String>> FORMS = Map.of(
            "retain", List.of("retain", "retained", "retains"),
            "cooki", List.of("cookie", "cookies"),
            "parti", List.of("parties", "party"),
            "third", List.of("third"));

    private static String marked(String query, String text) throws InvalidQueryException {
        WordHighlighter h = WordHighlighter.of(new ClauseQueryParser(IndexSchema.analyzer(),
                stem -> FORMS.getOrDefault(stem, List.of())).parse(query));
        assertNotNull(h, query);
        StringBuilder out = new StringBuilder(text);
        List<int[]> spans = h.spans(text);
        for (int i = spans.size() - 1; i >= 0; i--) {
            out.insert(spans.get(i)[1], "]").insert(spans.get(i)[0], "[");
        }
        return out.toString();
    }

    @Test
    void wordsMatchAllTheirFormsAndPhrasesMatchAsOneSpan() throws Exception {
        assertEquals("We [retained] Cookies; it [retains] them.", marked("retaining NOT cookie", "We retained Cookies; it retains them."));
        assertEquals("[Third parties] and a third party: [cookies].",
                marked("\"third parties\" OR cookies", "Third parties and a third party: cookies."));
        assertEquals("[Third parties] and a [third] [party].", marked("third OR \"third parties\" OR party", "Third parties and a third party."));
        assertEquals("nothing here", marked("section:cookies", "nothing here"));
    }

    @Test
    void patternsAndSloppyPhrasesGoToTheUnifiedHighlighter() throws Exception {
        ClauseQueryParser parser = new ClauseQueryParser(IndexSchema.analyzer(), stem -> FORMS.getOrDefault(stem, List.of()));
        assertNull(WordHighlighter.of(parser.parse("retain*")));
        assertNull(WordHighlighter.of(parser.parse("\"third parties\"~2")));
        assertNull(WordHighlighter.of(parser.parse("cookies~1")));
    }
}
