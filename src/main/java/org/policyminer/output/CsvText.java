package org.policyminer.output;

/**
 * Appends CSV records to a {@link StringBuilder} in exactly the characters commons-csv's
 * {@code CSVFormat.RFC4180} prints for them: comma-separated, lines ended by CR LF, and a value quoted (its
 * quotes doubled) when it holds a comma, a quote, CR or LF, starts with a character up to {@code '#'}, ends with
 * one up to a space, or is empty and first on its line. {@code CSVPrinter} does the same through a lock, a
 * stream over the values and a synchronised format per value, which was a fifth of rendering; {@code CsvTextTest}
 * compares the two on every character in every position.
 */
final class CsvText {

    private CsvText() {
    }

    /** Appends one record: the values' strings ({@code null} prints nothing), then CR LF. */
    static StringBuilder record(StringBuilder out, Object... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            if (values[i] != null) {
                value(out, values[i].toString(), i == 0);
            }
        }
        return out.append("\r\n");
    }

    private static void value(StringBuilder out, String s, boolean first) {
        if (!needsQuotes(s, first)) {
            out.append(s);
            return;
        }
        out.append('"');
        int from = 0;
        for (int i = s.indexOf('"'); i >= 0; i = s.indexOf('"', i + 1)) {
            out.append(s, from, i + 1).append('"');
            from = i + 1;
        }
        out.append(s, from, s.length()).append('"');
    }

    /** Commons-csv's minimal quoting rule for RFC 4180. */
    private static boolean needsQuotes(String s, boolean first) {
        int len = s.length();
        if (len == 0) {
            // An empty first value is quoted, or a record of one empty value would print as an empty line.
            return first;
        }
        if (s.charAt(0) <= '#') {
            return true;
        }
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                return true;
            }
        }
        return s.charAt(len - 1) <= ' ';
    }
}
