package org.policyminer.segment;

/**
 * What the normalisers of OpenNLP's language detector ({@code LanguageDetectorFactory.getContextGenerator()}:
 * emoji, URL and e-mail, Twitter, number and shrink, in that order) make of a text, with one loop per regular
 * expression instead of its {@code replaceAll}: the nine replacements were over half of the language scorer's
 * time. Each loop does what its expression's replacement does, written out below; where an expression's meaning
 * gets subtle (surrogates left over by the emoji pattern, a word boundary after a non-ASCII character, anything
 * that may be a laugh such as "haha", whose expression uses back-references), {@link #normalise} gives up and the
 * caller runs OpenNLP's normalisers. {@code LanguageIdentifierTest} compares both on real pages and on
 * adversarial strings.
 */
final class DetectorNormaliser {

    private DetectorNormaliser() {
    }

    /** The normalised text, or null when only OpenNLP's normalisers can tell (rare on real text). */
    static String normalise(CharSequence text) {
        int n = text.length();
        char[] a = new char[n];
        char[] b = new char[n];
        n = emoji(text, a);
        for (int i = 0; i < n; i++) {
            if (Character.isSurrogate(a[i])) {
                return null;
            }
        }
        // Buffers alternate: each pass reads one and writes the other (no pass makes a text longer).
        if (contains(a, n, "@") || contains(a, n, "://")) {  // else neither pattern can match
            n = urls(a, n, b);
            n = mail(b, n, a);
        }
        n = hashTagsAndUsers(a, n, b);
        n = retweets(b, n, a);
        if (n < 0) {
            return null;
        }
        n = faces(a, n, b);
        if (mayLaugh(b, n)) {
            return null;
        }
        n = numbers(b, n, a);
        n = spaces(a, n, b);
        n = repeats(b, n, a);
        return new String(a, 0, n).trim();
    }

    /**
     * {@code [\uD83C-\uDBFF\uDC00-\uDFFF]+} replaced by a space. Written with surrogate escapes, the class is '-'
     * and every code point from U+D83C to U+10FC00 (the two middle escapes make one code point); the pattern
     * steps by code points.
     */
    private static int emoji(CharSequence in, char[] out) {
        int k = 0;
        boolean run = false;
        for (int i = 0, n = in.length(); i < n; ) {
            int cp = Character.codePointAt(in, i);
            int len = Character.charCount(cp);
            if (cp == '-' || (cp >= 0xD83C && cp <= 0x10FC00)) {
                if (!run) {
                    out[k++] = ' ';
                    run = true;
                }
            } else {
                run = false;
                out[k++] = in.charAt(i);
                if (len == 2) {
                    out[k++] = in.charAt(i + 1);
                }
            }
            i += len;
        }
        return k;
    }

    /** {@code https?://[-_.?&~;+=/#0-9A-Za-z]+} replaced by a space. */
    private static int urls(char[] in, int n, char[] out) {
        int k = 0;
        for (int i = 0; i < n; ) {
            int end = -1;
            if (startsWith(in, n, i, "http")) {
                // "s?" takes the s when there is one; without it "://" cannot follow either.
                int j = i + 4 < n && in[i + 4] == 's' ? i + 5 : i + 4;
                if (startsWith(in, n, j, "://")) {
                    int e = run(in, n, j + 3, DetectorNormaliser::urlChar);
                    end = e > j + 3 ? e : -1;
                }
            }
            if (end > 0) {
                out[k++] = ' ';
                i = end;
            } else {
                out[k++] = in[i++];
            }
        }
        return k;
    }

    /**
     * {@code (?<![-+_.0-9A-Za-z])[-+_.0-9A-Za-z]+@[-0-9A-Za-z]+[-.0-9A-Za-z]+} replaced by a space. A match starts
     * where a run of local-part characters starts and takes the whole run (no shorter one is followed by '@');
     * after '@' the two classes together take the whole run of domain characters, which must be two or more and
     * must not start with '.'.
     */
    private static int mail(char[] in, int n, char[] out) {
        int k = 0;
        for (int i = 0; i < n; ) {
            if (!localChar(in[i]) || (i > 0 && localChar(in[i - 1]))) {
                out[k++] = in[i++];
                continue;
            }
            int at = run(in, n, i, DetectorNormaliser::localChar);
            if (at < n && in[at] == '@') {
                int end = run(in, n, at + 1, DetectorNormaliser::domainChar);
                if (end - (at + 1) >= 2 && in[at + 1] != '.') {
                    out[k++] = ' ';
                    i = end;
                    continue;
                }
            }
            // No match starts inside the run: each of its later characters follows a local-part character.
            while (i < at) {
                out[k++] = in[i++];
            }
        }
        return k;
    }

    /** {@code [#@]\S+} replaced by a space. */
    private static int hashTagsAndUsers(char[] in, int n, char[] out) {
        int k = 0;
        for (int i = 0; i < n; ) {
            if ((in[i] == '#' || in[i] == '@') && i + 1 < n && !space(in[i + 1])) {
                out[k++] = ' ';
                i = run(in, n, i + 1, c -> !space(c));
            } else {
                out[k++] = in[i++];
            }
        }
        return k;
    }

    /**
     * {@code \b(rt[ :])+}, case-insensitive, replaced by a space; -1 when a candidate follows a non-ASCII
     * character, where the word boundary depends on Unicode categories and the JDK.
     */
    private static int retweets(char[] in, int n, char[] out) {
        int k = 0;
        for (int i = 0; i < n; ) {
            if (retweet(in, n, i)) {
                if (i > 0 && in[i - 1] >= 0x80) {
                    return -1;
                }
                if (i == 0 || !asciiWord(in[i - 1])) {
                    int j = i + 3;
                    while (retweet(in, n, j)) {
                        j += 3;
                    }
                    out[k++] = ' ';
                    i = j;
                    continue;
                }
            }
            out[k++] = in[i++];
        }
        return k;
    }

    private static boolean retweet(char[] in, int n, int i) {
        return i + 3 <= n && (in[i] | 0x20) == 'r' && (in[i + 1] | 0x20) == 't' && (in[i + 2] == ' ' || in[i + 2] == ':');
    }

    /**
     * Whether the text may hold a match of {@code ([hj])+([aieou])+(\1+\2+)+} (case-insensitive): every match holds
     * an h or j, vowels, and the same h or j again.
     */
    private static boolean mayLaugh(char[] in, int n) {
        for (int i = 0; i < n; i++) {
            int c = in[i] | 0x20;  // 'h' only for h and H, 'j' only for j and J
            if (c == 'h' || c == 'j') {
                int j = run(in, n, i + 1, DetectorNormaliser::vowel);
                if (j > i + 1 && j < n && (in[j] | 0x20) == c) {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@code [:;x]-?[()dop]}, case-insensitive, replaced by a space. */
    private static int faces(char[] in, int n, char[] out) {
        int k = 0;
        for (int i = 0; i < n; ) {
            char c = in[i];
            if (c == ':' || c == ';' || c == 'x' || c == 'X') {
                int end = i + 2 < n && in[i + 1] == '-' && mouth(in[i + 2]) ? i + 3
                        : i + 1 < n && mouth(in[i + 1]) ? i + 2 : -1;
                if (end > 0) {
                    out[k++] = ' ';
                    i = end;
                    continue;
                }
            }
            out[k++] = in[i++];
        }
        return k;
    }

    /** {@code \d+} (ASCII digits) replaced by a space. */
    private static int numbers(char[] in, int n, char[] out) {
        int k = 0;
        for (int i = 0; i < n; ) {
            if (in[i] >= '0' && in[i] <= '9') {
                out[k++] = ' ';
                i = run(in, n, i, c -> c >= '0' && c <= '9');
            } else {
                out[k++] = in[i++];
            }
        }
        return k;
    }

    /** {@code \s{2,}} replaced by a space. */
    private static int spaces(char[] in, int n, char[] out) {
        int k = 0;
        for (int i = 0; i < n; ) {
            int end = space(in[i]) ? run(in, n, i, DetectorNormaliser::space) : i;
            if (end - i >= 2) {
                out[k++] = ' ';
                i = end;
            } else {
                out[k++] = in[i++];
            }
        }
        return k;
    }

    /**
     * {@code (.)\1{2,}}, case-insensitive, replaced by {@code $1$1}: a character other than a line terminator
     * followed by two or more that equal it ignoring ASCII case becomes two of it (no surrogates are left here).
     */
    private static int repeats(char[] in, int n, char[] out) {
        int k = 0;
        for (int i = 0; i < n; ) {
            char c = in[i];
            if (!lineTerminator(c)) {
                int j = i + 1;
                while (j < n && asciiLower(in[j]) == asciiLower(c)) {
                    j++;
                }
                if (j - i >= 3) {
                    out[k++] = c;
                    out[k++] = c;
                    i = j;
                    continue;
                }
            }
            out[k++] = in[i++];
        }
        return k;
    }

    private interface CharTest {
        boolean test(char c);
    }

    /** The end of the run of characters passing the test from {@code from}. */
    private static int run(char[] in, int n, int from, CharTest t) {
        int i = from;
        while (i < n && t.test(in[i])) {
            i++;
        }
        return i;
    }

    private static boolean startsWith(char[] in, int n, int i, String s) {
        if (i + s.length() > n) {
            return false;
        }
        for (int k = 0; k < s.length(); k++) {
            if (in[i + k] != s.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static boolean contains(char[] in, int n, String s) {
        for (int i = 0; i + s.length() <= n; i++) {
            if (startsWith(in, n, i, s)) {
                return true;
            }
        }
        return false;
    }

    private static boolean asciiAlnum(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean urlChar(char c) {
        return asciiAlnum(c) || "-_.?&~;+=/#".indexOf(c) >= 0;
    }

    private static boolean localChar(char c) {
        return asciiAlnum(c) || c == '-' || c == '+' || c == '_' || c == '.';
    }

    private static boolean domainChar(char c) {
        return asciiAlnum(c) || c == '-' || c == '.';
    }

    /** {@code \w} without Unicode classes, what {@code \b} looks at on the JDKs policyminer runs on (19 and up). */
    private static boolean asciiWord(char c) {
        return asciiAlnum(c) || c == '_';
    }

    /** {@code \s} without Unicode classes. */
    private static boolean space(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    private static boolean vowel(char c) {
        return "aeiouAEIOU".indexOf(c) >= 0;
    }

    private static boolean mouth(char c) {
        return "()dopDOP".indexOf(c) >= 0;
    }

    /** What {@code .} does not match without DOTALL. */
    private static boolean lineTerminator(char c) {
        return c == '\n' || c == '\r' || (c | 1) == '\u2029' || c == '\u0085';
    }

    private static char asciiLower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }
}
