package org.policyminer.clean;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.policyminer.doc.Block;
import org.policyminer.doc.StructuredText;

/**
 * Accumulates blocks into one clean text. Every cleaner writes through it, so white space, duplicate removal
 * and the recognition of numbered headings ("2.1 Retention of data") are the same whatever the input format.
 */
final class TextBuilder {

    /**
     * "1. General provisions", "2.1 Cookies", "5) Retention": a section number, then a short title without final
     * stop. A bare number needs its dot or parenthesis, or "9 Main Street, Springfield" would be a heading.
     */
    private static final Pattern NUMBERED_HEADING = Pattern.compile(
            "^((?:\\d{1,2}\\.)+\\d{1,2}\\.?|\\d{1,2}[.)]|[IVX]{1,5}\\.|[A-H]\\.)\\s+(\\p{Lu}|\\p{Lt}|\\p{Lo})[^\\n]{0,110}$");
    /** A block that is nothing but a section number ("II.", "2.1."), laid out apart from its title. */
    private static final Pattern BARE_NUMBER = Pattern.compile("^((?:\\d{1,2}\\.)*\\d{1,2}\\.?|[IVX]{1,5}\\.|[A-H]\\.)$");
    /** "3. We are required by law to keep it; or": an enumerated condition, not a title. */
    private static final Pattern LIST_ITEM_END = Pattern.compile("\\s(or|and|and/or)$");
    private static final int DEDUP_MIN_CHARS = 60;

    private final StringBuilder text = new StringBuilder();
    private final List<Block> blocks = new ArrayList<>();
    private final Set<String> seenParagraphs = new HashSet<>();
    private String pendingNumber = "";

    /**
     * Collapses white space and drops invisible characters, as a browser would display the text. A loop rather than
     * two regular-expression replacements: it runs on every text node of every page. Runs of characters that stay
     * are copied whole; white space at either end is never written, as {@link String#strip} would remove it.
     */
    static String normalize(CharSequence s) {
        int n = s.length();
        StringBuilder out = new StringBuilder(n);
        boolean inSpace = false;
        for (int i = 0; i < n; ) {
            char c = s.charAt(i);
            if (isInvisible(c) || isSpace(c)) {
                inSpace |= isSpace(c);
                i++;
                continue;
            }
            if (inSpace && !out.isEmpty()) {
                out.append(' ');
            }
            inSpace = false;
            int start = i;
            while (i < n && !isInvisible(c = s.charAt(i)) && !isSpace(c)) {
                i++;
            }
            out.append(s, start, i);
        }
        // strip() for the other white space (U+001C to U+001F, line and paragraph separators) at the ends.
        return out.toString().strip();
    }

    /** Zero-width spaces and joiners, the word joiner, the byte-order mark and the soft hyphen. */
    static boolean isInvisible(char c) {
        return c >= '\u200B' && c <= '\u200D' || c == '\u2060' || c == '\uFEFF' || c == '\u00AD';
    }

    /** ASCII white space and the Unicode spaces a page uses between words (no-break, en, em, thin, ideographic...). */
    static boolean isSpace(char c) {
        return c == ' ' || c >= '\t' && c <= '\r' || c == '\u00A0' || c >= '\u2000' && c <= '\u200A'
                || c == '\u202F' || c == '\u205F' || c == '\u3000';
    }

    /**
     * Returns the depth of a numbered heading ("2" is 1, "2.1" is 2), or 0 when the line is not one. Lines that
     * end like sentences are paragraphs that happen to be numbered ("1.1. 'Site' means ...").
     */
    static int numberedHeadingDepth(String line) {
        if (line.length() > 120 || line.endsWith(".") || line.endsWith(";") || line.endsWith(",") || line.endsWith(":")
                || line.contains("; ") || LIST_ITEM_END.matcher(line).find()) {
            return 0;
        }
        Matcher m = NUMBERED_HEADING.matcher(line);
        if (!m.matches()) {
            return 0;
        }
        String title = line.substring(m.end(1)).strip();
        if (title.split("\\s+").length > 14) {
            return 0;
        }
        String number = m.group(1).replaceAll("[.)]$", "");
        // Roman numerals and letters carry no depth of their own; they number top-level sections.
        return Character.isDigit(number.charAt(0)) ? number.split("\\.").length : 1;
    }

    /**
     * Appends a block. Text is normalised; blocks without a letter or digit are dropped, and long paragraphs
     * already seen are dropped too (responsive pages repeat their content for each layout).
     */
    void add(Block.Kind kind, String raw, int level) {
        addNormalized(kind, normalize(raw), level);
    }

    /** {@link #add} for text that is already {@link #normalize normalised} (normalising is idempotent). */
    void addNormalized(Block.Kind kind, String s, int level) {
        if (s.isEmpty() || !hasLetterOrDigit(s)) {
            return;
        }
        if (startsLikeNumber(s.charAt(0)) && BARE_NUMBER.matcher(s).matches()) {
            pendingNumber = s + " ";
            return;
        }
        s = pendingNumber + s;
        pendingNumber = "";
        if (kind != Block.Kind.HEADING && s.length() >= DEDUP_MIN_CHARS && !seenParagraphs.add(s)) {
            return;
        }
        if (kind == Block.Kind.PARAGRAPH) {
            int depth = numberedHeadingDepth(s);
            if (depth > 0) {
                kind = Block.Kind.HEADING;
                level = depth + 1;
            }
        }
        if (!text.isEmpty()) {
            text.append("\n\n");
        }
        int start = text.length();
        text.append(s);
        blocks.add(new Block(kind, start, text.length(), level));
    }

    private static boolean hasLetterOrDigit(String s) {
        for (int i = 0, c; i < s.length(); i += Character.charCount(c)) {
            c = s.codePointAt(i);
            if (Character.isLetterOrDigit(c)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a {@link #BARE_NUMBER} match can start with this character: most blocks need no matcher. */
    private static boolean startsLikeNumber(char c) {
        return c >= '0' && c <= '9' || c >= 'A' && c <= 'H' || c == 'I' || c == 'V' || c == 'X';
    }

    boolean isEmpty() {
        return blocks.isEmpty();
    }

    StructuredText build(String title) {
        return new StructuredText(text.toString(), blocks, title == null || title.isBlank() ? null : normalize(title));
    }
}
