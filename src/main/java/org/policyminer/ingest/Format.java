package org.policyminer.ingest;

import java.util.Locale;
import java.util.regex.Pattern;

/** The kind of markup a document is written in, decided from its content rather than its file name. */
public enum Format {
    HTML, MARKDOWN, TEXT;

    private static final Pattern HTML_START = Pattern.compile(
            "(?is)^\\s*(<\\?xml[^>]*>\\s*)?(<!--.*?-->\\s*)*<(!doctype\\s+html|html|head|body|meta|title)\\b");
    private static final Pattern HTML_TAG = Pattern.compile(
            "(?i)</?(p|div|span|br|a|li|ul|ol|h[1-6]|table|td|strong|b|em|section|article)\\b[^>]*>");
    private static final Pattern MD_HEADING = Pattern.compile("(?m)^#{1,6}\\s+\\S");
    private static final Pattern MD_LINK = Pattern.compile("\\[[^\\]\\n]+\\]\\([^)\\s]+\\)");
    private static final Pattern MD_EMPHASIS = Pattern.compile("(\\*\\*|__)[^*_\\n]+\\1");

    /** The lower-case name used in output files. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Guesses the format of decoded content. A page starting with a doctype or html element is HTML; otherwise
     * the density of tags and of Markdown constructs in the first 64 KiB decides.
     */
    public static Format sniff(String content) {
        String head = content.length() > 65_536 ? content.substring(0, 65_536) : content;
        if (HTML_START.matcher(head).find()) {
            return HTML;
        }
        int tags = count(HTML_TAG, head);
        int lines = Math.max(1, (int) head.chars().filter(c -> c == '\n').count());
        if (tags >= 5 && tags * 4 >= lines) {
            return HTML;
        }
        // Bullets and quotes are common in plain text too; only headings, links and emphasis mark Markdown.
        int markdown = count(MD_HEADING, head) * 3 + count(MD_LINK, head) + count(MD_EMPHASIS, head);
        return markdown >= 3 ? MARKDOWN : TEXT;
    }

    private static int count(Pattern p, String s) {
        var m = p.matcher(s);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
