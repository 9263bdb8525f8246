package org.policyminer.output;

import java.util.List;

/**
 * Appends JSON values to a {@link StringBuilder} in exactly the bytes Jackson's default generator writes for them:
 * no spaces; in strings, quote and backslash escaped with a backslash, the control characters backspace, tab,
 * line feed, form feed and carriage return with their one-letter escapes and the other control characters with
 * four-digit upper-case hex escapes, everything else as is (Jackson's 7-bit escape table); doubles as
 * {@link Double#toString}, non-finite ones quoted. Clause lines are most of a run's output, and writing them
 * through maps and a generator cost more than the text itself; {@code AnnotationWriterTest} and
 * {@code JsonTextTest} compare these bytes with Jackson's.
 */
final class JsonText {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private JsonText() {
    }

    /** Appends {@code "name":}. */
    static StringBuilder field(StringBuilder out, String name) {
        return string(out, name).append(':');
    }

    /** Appends a string, or {@code null}. */
    static StringBuilder string(StringBuilder out, String s) {
        return s == null ? out.append("null") : string(out, s, 0, s.length());
    }

    /** Appends s[start, end) as a string. */
    static StringBuilder string(StringBuilder out, String s, int start, int end) {
        out.append('"');
        int from = start;
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            out.append(s, from, i);
            from = i + 1;
            out.append('\\');
            switch (c) {
                case '"', '\\' -> out.append(c);
                case '\b' -> out.append('b');
                case '\t' -> out.append('t');
                case '\n' -> out.append('n');
                case '\f' -> out.append('f');
                case '\r' -> out.append('r');
                default -> out.append("u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return out.append(s, from, end).append('"');
    }

    /** Appends a double as Jackson writes it: {@link Double#toString}, quoted when not finite. */
    static StringBuilder number(StringBuilder out, double d) {
        return Double.isFinite(d) ? out.append(d) : out.append('"').append(d).append('"');
    }

    /** Appends an array of strings. */
    static StringBuilder strings(StringBuilder out, List<String> values) {
        out.append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            string(out, values.get(i));
        }
        return out.append(']');
    }
}
