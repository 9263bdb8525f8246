package org.policyminer.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One OPP-115 segment with its markup stripped, keeping a map from raw offsets (which the annotations use) to
 * offsets in the clean text. Line breaks ({@code <br>}, list items, paragraphs) become newlines; runs of spaces
 * collapse to one.
 */
record CleanSegment(String raw, String text, int[] rawToClean) {

    /** A line of the clean text and what it looks like. */
    record Line(int start, int end, String text, boolean heading, boolean listItem) {
    }

    static CleanSegment of(String raw) {
        StringBuilder out = new StringBuilder();
        int[] map = new int[raw.length() + 1];
        int i = 0;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            if (c == '<') {
                int close = raw.indexOf('>', i);
                if (close > 0 && close - i < 40) {
                    String tag = raw.substring(i + 1, close).toLowerCase(Locale.ROOT).replace("/", "").trim();
                    boolean breaks = tag.equals("br") || tag.equals("li") || tag.equals("ul") || tag.equals("ol")
                            || tag.equals("p") || tag.equals("blockquote");
                    for (int k = i; k <= close; k++) {
                        map[k] = out.length();
                    }
                    if (breaks) {
                        newline(out);
                        if (raw.startsWith("<li", i)) {
                            out.append("\u2022 ");
                        }
                    }
                    i = close + 1;
                    continue;
                }
            }
            map[i] = out.length();
            if (Character.isWhitespace(c)) {
                if (!out.isEmpty() && !Character.isWhitespace(out.charAt(out.length() - 1))) {
                    out.append(' ');
                }
            } else {
                out.append(c);
            }
            i++;
        }
        map[raw.length()] = out.length();
        return new CleanSegment(raw, out.toString(), map);
    }

    private static void newline(StringBuilder out) {
        while (!out.isEmpty() && out.charAt(out.length() - 1) == ' ') {
            out.setLength(out.length() - 1);
        }
        if (!out.isEmpty() && out.charAt(out.length() - 1) != '\n') {
            out.append('\n');
        }
    }

    /**
     * The clean-text span of an annotated raw span. The corpus' offsets are right for most spans; when they are
     * not (a known annotation-tool bug), the selected text is looked up, nearest to the given offset.
     */
    int[] locate(String selected, int start, int end) {
        if (selected == null || selected.equals("null") || selected.equals("Not selected")) {
            return null;
        }
        int s = -1;
        if (start >= 0 && end > start && end <= raw.length() && raw.substring(start, end).equals(selected)) {
            s = start;
        } else if (!selected.isBlank()) {
            int best = -1;
            for (int k = raw.indexOf(selected); k >= 0; k = raw.indexOf(selected, k + 1)) {
                if (best < 0 || Math.abs(k - start) < Math.abs(best - start)) {
                    best = k;
                }
            }
            s = best;
        }
        if (s < 0) {
            return null;
        }
        int e = s + selected.length();
        int cs = rawToClean[s];
        int ce = rawToClean[e];
        return ce > cs ? new int[]{cs, ce} : null;
    }

    /** The non-blank lines, each marked as heading (short, no closing punctuation) or list item. */
    List<Line> lines() {
        List<Line> out = new ArrayList<>();
        int from = 0;
        while (from <= text.length()) {
            int nl = text.indexOf('\n', from);
            int to = nl < 0 ? text.length() : nl;
            int s = from;
            int e = to;
            while (s < e && Character.isWhitespace(text.charAt(s))) {
                s++;
            }
            while (e > s && Character.isWhitespace(text.charAt(e - 1))) {
                e--;
            }
            if (e > s) {
                String line = text.substring(s, e);
                boolean list = line.startsWith("\u2022") || line.startsWith("- ") || line.startsWith("* ")
                        || line.matches("^(\\(?[a-z0-9]{1,3}[.)])\\s.*");
                out.add(new Line(s, e, line, !list && looksLikeHeading(line), list));
            }
            if (nl < 0) {
                break;
            }
            from = nl + 1;
        }
        return out;
    }

    private static boolean looksLikeHeading(String line) {
        if (line.length() > 100 || line.split("\\s+").length > 12) {
            return false;
        }
        char last = line.charAt(line.length() - 1);
        return last != '.' && last != ',' && last != ';' && last != ':' && Character.isLetterOrDigit(line.charAt(0));
    }
}
