package org.policyminer.clean;

import java.util.regex.Pattern;

import org.policyminer.doc.Block;
import org.policyminer.doc.StructuredText;

/**
 * Reads plain text: one block per line, except that a hard-wrapped line continuing a sentence is joined to the
 * previous one. Bulleted and lettered lines are list items; short title-like lines are headings.
 */
public final class PlainTextCleaner implements Cleaner {

    private static final Pattern BULLET = Pattern.compile("^\\s*([-*•·▪◦‣–—]|\\(?[a-z]\\)|\\(?[ivx]{1,4}\\)|\\d{1,2}\\))\\s+");
    private static final Pattern SENTENCE_END = Pattern.compile("[.!?:;\"”»)]$");

    @Override
    public StructuredText clean(String content) {
        TextBuilder out = new TextBuilder();
        String[] lines = content.replace("\r\n", "\n").replace('\r', '\n').split("\n");
        StringBuilder paragraph = new StringBuilder();
        Block.Kind kind = Block.Kind.PARAGRAPH;
        String title = null;
        boolean previousBlank = true;
        int lastNumberedLevel = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = TextBuilder.normalize(lines[i]);
            if (line.isEmpty()) {
                flush(out, paragraph, kind);
                previousBlank = true;
                continue;
            }
            boolean bullet = BULLET.matcher(line).find();
            boolean continuation = !paragraph.isEmpty() && !previousBlank && !bullet
                    && !SENTENCE_END.matcher(paragraph).find() && Character.isLowerCase(line.codePointAt(0));
            if (continuation) {
                paragraph.append(' ').append(line);
                continue;
            }
            flush(out, paragraph, kind);
            if (bullet) {
                kind = Block.Kind.LIST_ITEM;
                paragraph.append(BULLET.matcher(line).replaceFirst(""));
            } else if (out.isEmpty() && paragraph.isEmpty() && looksLikeTitle(line) || isTitleLike(line, lines, i)) {
                if (title == null && out.isEmpty()) {
                    title = line;
                    out.add(Block.Kind.HEADING, line, 1);
                } else {
                    int depth = TextBuilder.numberedHeadingDepth(line);
                    // An unnumbered heading after "3. How we use data" is a subsection of it.
                    int level = depth > 0 ? depth + 1 : Math.max(2, lastNumberedLevel + 1);
                    if (depth > 0) {
                        lastNumberedLevel = level;
                    }
                    out.add(Block.Kind.HEADING, line, level);
                }
                kind = Block.Kind.PARAGRAPH;
            } else {
                kind = Block.Kind.PARAGRAPH;
                paragraph.append(line);
            }
            previousBlank = false;
        }
        flush(out, paragraph, kind);
        return out.build(title);
    }

    /** A short line without a final stop, followed by more text, reads as a heading. */
    private static boolean isTitleLike(String line, String[] lines, int i) {
        if (TextBuilder.numberedHeadingDepth(line) > 0) {
            return true;
        }
        if (line.length() > 80 || SENTENCE_END.matcher(line).find() || line.contains(". ")
                || !Character.isUpperCase(line.codePointAt(0)) && !Character.isDigit(line.codePointAt(0))) {
            return false;
        }
        if (i + 1 < lines.length && !lines[i + 1].isBlank() && Character.isLowerCase(lines[i + 1].strip().codePointAt(0))) {
            return false; // the sentence goes on on the next line
        }
        for (int j = i + 1; j < lines.length; j++) {
            String next = lines[j].strip();
            if (!next.isEmpty()) {
                return next.length() > line.length() || SENTENCE_END.matcher(next).find();
            }
        }
        return false;
    }

    /** The first line of a document is its title when it is short and does not read as a sentence. */
    private static boolean looksLikeTitle(String line) {
        return line.length() <= 100 && !SENTENCE_END.matcher(line).find() && TextBuilder.numberedHeadingDepth(line) == 0;
    }

    private static void flush(TextBuilder out, StringBuilder paragraph, Block.Kind kind) {
        if (!paragraph.isEmpty()) {
            out.add(kind, paragraph.toString(), kind == Block.Kind.LIST_ITEM ? 1 : 0);
            paragraph.setLength(0);
        }
    }
}
