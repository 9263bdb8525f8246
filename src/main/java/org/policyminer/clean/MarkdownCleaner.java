package org.policyminer.clean;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.policyminer.PolicyMinerException;
import org.policyminer.doc.StructuredText;

/** Reads Markdown by rendering it to HTML with commonmark and cleaning that, so both paths share one cleaner. */
public final class MarkdownCleaner implements Cleaner {

    private static final Parser PARSER = Parser.builder().build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().build();

    @Override
    public StructuredText clean(String content) throws PolicyMinerException {
        String html = RENDERER.render(PARSER.parse(content));
        return new HtmlCleaner().clean("<html><body>" + html + "</body></html>");
    }
}
