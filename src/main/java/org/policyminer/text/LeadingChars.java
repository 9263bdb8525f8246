package org.policyminer.text;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The characters a regular expression's non-empty matches can start with, as a superset: a pattern that must start
 * with a letter is then tried only at the positions of a text that hold one of its first letters, instead of at
 * every position as {@link java.util.regex.Matcher#find} does. ASCII characters are tracked one by one (both cases
 * of a letter where the pattern is {@code CASE_INSENSITIVE}); every non-ASCII character is always allowed. A pattern the analysis does not understand (back-references, {@code \Q...\E}, inline flags, an
 * unknown escape) allows every character, so that the set is never too small, only sometimes useless. Immutable.
 */
public final class LeadingChars {

    private static final LeadingChars ANY = new LeadingChars(-1L, -1L, true);

    /** The allowed ASCII characters: bit c of {@code low} for c < 64, bit c - 64 of {@code high} for the rest. */
    private final long low;
    private final long high;
    private final boolean mayBeEmpty;

    private LeadingChars(long low, long high, boolean mayBeEmpty) {
        this.low = low;
        this.high = high;
        this.mayBeEmpty = mayBeEmpty;
    }

    /** The leading characters of a compiled pattern; every character for flags that change how it is read. */
    public static LeadingChars of(Pattern pattern) {
        if ((pattern.flags() & (Pattern.COMMENTS | Pattern.LITERAL | Pattern.UNICODE_CASE | Pattern.CANON_EQ
                | Pattern.UNICODE_CHARACTER_CLASS)) != 0) {
            return ANY;
        }
        String re = pattern.pattern();
        try {
            Parser p = new Parser(re, (pattern.flags() & Pattern.CASE_INSENSITIVE) != 0);
            Info root = p.alternation();
            if (p.pos != re.length()) {
                return ANY;
            }
            return new LeadingChars(root.low, root.high, root.nullable);
        } catch (Unsupported | RuntimeException e) {
            return ANY;
        }
    }

    /** Whether a non-empty match may start with {@code c} (always true of a non-ASCII character). */
    public boolean mayStartWith(char c) {
        return c >= 128 || ((c < 64 ? low >>> c : high >>> (c - 64)) & 1) != 0;
    }

    /**
     * What {@code m.find(from)} does, for a matcher of the pattern this set was made of over {@code text}: the
     * pattern is tried only at the positions that hold one of its leading characters, and then left as a search
     * leaves it ({@code start()}, {@code end()}, groups). The matcher's region is moved, with transparent and
     * non-anchoring bounds, so that look-arounds and anchors see the whole text as a search does.
     */
    public boolean find(Matcher m, CharSequence text, int from) {
        if (mayBeEmpty) {
            return m.find(from);
        }
        m.useTransparentBounds(true).useAnchoringBounds(false);
        for (int p = from, n = text.length(); p < n; p++) {
            if (mayStartWith(text.charAt(p))) {
                m.region(p, n);
                if (m.lookingAt()) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether the pattern may match the empty string somewhere (true when not understood): its empty matches can
     * be anywhere, whatever the characters there.
     */
    public boolean mayBeEmpty() {
        return mayBeEmpty;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("[");
        for (char c = 0; c < 128; c++) {
            if (mayStartWith(c)) {
                b.append(c >= 32 && c < 127 ? String.valueOf(c) : String.format("\\x%02x", (int) c));
            }
        }
        return b.append("] and non-ASCII").toString();
    }

    /** A construct the analysis does not handle: every character is then allowed. */
    private static final class Unsupported extends Exception {
        Unsupported(String what) {
            super(what, null, false, false);
        }
    }

    /**
     * What is known of a sub-expression: whether it can match the empty string, and the ASCII characters its
     * non-empty matches can start with (letters always in both cases).
     */
    private record Info(boolean nullable, long low, long high) {
        static final Info EMPTY = new Info(true, 0, 0);
        static final Info EVERY = new Info(false, -1L, -1L);

        Info or(Info o, boolean nullable) {
            return new Info(nullable, low | o.low, high | o.high);
        }

        static Info chars(boolean[] set, boolean fold) {
            long lo = 0;
            long hi = 0;
            for (int c = 0; c < 128; c++) {
                int folded = !fold ? c : c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c >= 'a' && c <= 'z' ? c - ('a' - 'A') : c;
                if (set[c] || set[folded]) {
                    if (c < 64) {
                        lo |= 1L << c;
                    } else {
                        hi |= 1L << (c - 64);
                    }
                }
            }
            return new Info(false, lo, hi);
        }

        static Info of(char c, boolean fold) {
            boolean[] set = new boolean[128];
            if (c >= 128) {
                return new Info(false, 0, 0); // Non-ASCII first characters are always allowed anyway.
            }
            set[c] = true;
            return chars(set, fold);
        }
    }

    /** Recursive descent over Java regular-expression syntax; each method returns the {@link Info} of what it read. */
    private static final class Parser {
        private final String re;
        /** Whether ASCII letters match in either case ({@code CASE_INSENSITIVE}). */
        private final boolean fold;
        private int pos;

        Parser(String re, boolean fold) {
            this.re = re;
            this.fold = fold;
        }

        Info alternation() throws Unsupported {
            Info all = sequence();
            while (pos < re.length() && re.charAt(pos) == '|') {
                pos++;
                Info branch = sequence();
                all = all.or(branch, all.nullable || branch.nullable);
            }
            return all;
        }

        /** A concatenation starts with its first item, or with a later one where all before it can be empty. */
        Info sequence() throws Unsupported {
            Info first = Info.EMPTY;
            while (pos < re.length() && re.charAt(pos) != '|' && re.charAt(pos) != ')') {
                Info item = quantified();
                if (first.nullable) {
                    first = first.or(item, item.nullable);
                }
            }
            return first;
        }

        Info quantified() throws Unsupported {
            Info atom = atom();
            if (pos >= re.length()) {
                return atom;
            }
            char c = re.charAt(pos);
            boolean optional;
            if (c == '?' || c == '*') {
                optional = true;
                pos++;
            } else if (c == '+') {
                optional = false;
                pos++;
            } else if (c == '{') {
                int close = re.indexOf('}', pos);
                if (close < 0) {
                    throw new Unsupported("unclosed {");
                }
                String[] bounds = re.substring(pos + 1, close).split(",", -1);
                if (bounds.length > 2) {
                    throw new Unsupported("bad bounds");
                }
                optional = Integer.parseInt(bounds[0].trim()) == 0;
                pos = close + 1;
            } else {
                return atom;
            }
            // Lazy and possessive forms start with the same characters.
            if (pos < re.length() && (re.charAt(pos) == '?' || re.charAt(pos) == '+')) {
                pos++;
            }
            return new Info(atom.nullable || optional, atom.low, atom.high);
        }

        Info atom() throws Unsupported {
            char c = re.charAt(pos);
            switch (c) {
                case '(' -> {
                    return group();
                }
                case '[' -> {
                    return characterClass();
                }
                case '.' -> {
                    pos++;
                    return Info.EVERY;
                }
                case '^', '$' -> {
                    pos++;
                    return Info.EMPTY;
                }
                case '\\' -> {
                    return escape();
                }
                case '*', '+', '?', '{' -> throw new Unsupported("dangling quantifier");
                default -> {
                    pos++;
                    return Info.of(c, fold);
                }
            }
        }

        Info group() throws Unsupported {
            pos++; // (
            boolean zeroWidth = false;
            if (re.startsWith("?", pos)) {
                pos++;
                if (re.startsWith(":", pos) || re.startsWith(">", pos)) {
                    pos++;
                } else if (re.startsWith("=", pos) || re.startsWith("!", pos)) {
                    pos++;
                    zeroWidth = true;
                } else if (re.startsWith("<=", pos) || re.startsWith("<!", pos)) {
                    pos += 2;
                    zeroWidth = true;
                } else if (re.startsWith("<", pos)) {
                    int close = re.indexOf('>', pos);
                    if (close < 0) {
                        throw new Unsupported("bad group name");
                    }
                    pos = close + 1;
                } else {
                    throw new Unsupported("inline flags");
                }
            }
            Info inner = alternation();
            if (!re.startsWith(")", pos)) {
                throw new Unsupported("unclosed group");
            }
            pos++;
            // A look-around consumes nothing: what follows it starts the match.
            return zeroWidth ? Info.EMPTY : inner;
        }

        /**
         * A class of plain characters, ranges and the ASCII classes {@code \s \d \w}; anything else in it (negation,
         * nesting, intersection, Unicode properties) allows every character.
         */
        Info characterClass() throws Unsupported {
            pos++; // [
            boolean negated = re.startsWith("^", pos);
            if (negated) {
                pos++;
            }
            if (re.startsWith("]", pos)) {
                throw new Unsupported("] first in class");
            }
            boolean[] set = new boolean[128];
            boolean every = negated;
            while (true) {
                if (pos >= re.length()) {
                    throw new Unsupported("unclosed class");
                }
                char c = re.charAt(pos);
                if (c == ']') {
                    pos++;
                    break;
                }
                if (c == '[' || re.startsWith("&&", pos)) {
                    throw new Unsupported("nested class");
                }
                int from;
                if (c == '\\') {
                    if (pos + 1 >= re.length()) {
                        throw new Unsupported("trailing backslash");
                    }
                    char e = re.charAt(pos + 1);
                    pos += 2;
                    if (e == 'p' || e == 'P') {
                        every |= !addProperty(e == 'P', set);
                        continue;
                    }
                    if (addClassEscape(e, set)) {
                        continue;
                    }
                    if (e == 'S' || e == 'D' || e == 'W' || e == 'h' || e == 'H' || e == 'v' || e == 'V') {
                        every = true;
                        continue;
                    }
                    if (Character.isLetterOrDigit(e)) {
                        throw new Unsupported("escape \\" + e + " in class");
                    }
                    from = e;
                } else {
                    pos++;
                    from = c;
                }
                int to = from;
                if (re.startsWith("-", pos) && pos + 1 < re.length() && re.charAt(pos + 1) != ']') {
                    char t = re.charAt(pos + 1);
                    if (t == '\\' || t == '[') {
                        throw new Unsupported("escaped range end");
                    }
                    to = t;
                    pos += 2;
                }
                for (int x = from; x <= Math.min(to, 127); x++) {
                    set[x] = true;
                }
            }
            return every ? Info.EVERY : Info.chars(set, fold);
        }

        /**
         * Reads a property after {@code \p} or {@code \P}: adds the ASCII members of the letter and number categories
         * ({@code L Lu Ll N Nd}); false (every character) for any other property and for a negated one.
         */
        private boolean addProperty(boolean negated, boolean[] set) throws Unsupported {
            String name;
            if (re.startsWith("{", pos)) {
                int close = re.indexOf('}', pos);
                if (close < 0) {
                    throw new Unsupported("bad \\p");
                }
                name = re.substring(pos + 1, close);
                pos = close + 1;
            } else {
                if (pos >= re.length()) {
                    throw new Unsupported("bad \\p");
                }
                name = re.substring(pos, pos + 1);
                pos++;
            }
            boolean upper = name.equals("L") || name.equals("Lu");
            boolean lower = name.equals("L") || name.equals("Ll");
            boolean digits = name.equals("N") || name.equals("Nd");
            if (negated || !(upper || lower || digits)) {
                return false;
            }
            for (int c = 0; c < 128; c++) {
                set[c] |= upper && c >= 'A' && c <= 'Z' || lower && c >= 'a' && c <= 'z' || digits && c >= '0' && c <= '9';
            }
            return true;
        }

        /** Adds the ASCII members of {@code \s}, {@code \d} or {@code \w} (or a control escape); false for others. */
        private static boolean addClassEscape(char e, boolean[] set) {
            switch (e) {
                case 's' -> {
                    for (char w : new char[] {' ', '\t', '\n', 0x0B, '\f', '\r'}) {
                        set[w] = true;
                    }
                }
                case 'd' -> {
                    for (char d = '0'; d <= '9'; d++) {
                        set[d] = true;
                    }
                }
                case 'w' -> {
                    for (char d = '0'; d <= '9'; d++) {
                        set[d] = true;
                    }
                    for (char l = 'a'; l <= 'z'; l++) {
                        set[l] = true;
                        set[l - ('a' - 'A')] = true;
                    }
                    set['_'] = true;
                }
                case 't' -> set['\t'] = true;
                case 'n' -> set['\n'] = true;
                case 'r' -> set['\r'] = true;
                case 'f' -> set['\f'] = true;
                case 'a' -> set[7] = true;
                case 'e' -> set[27] = true;
                default -> {
                    return false;
                }
            }
            return true;
        }

        Info escape() throws Unsupported {
            if (pos + 1 >= re.length()) {
                throw new Unsupported("trailing backslash");
            }
            char c = re.charAt(pos + 1);
            pos += 2;
            if ("bBAzZ".indexOf(c) >= 0) {
                return Info.EMPTY;
            }
            boolean[] set = new boolean[128];
            if (c == 'p' || c == 'P') {
                return addProperty(c == 'P', set) ? Info.chars(set, fold) : Info.EVERY;
            }
            if (addClassEscape(c, set)) {
                return Info.chars(set, fold);
            }
            if ("SDWhHvVRX".indexOf(c) >= 0) {
                return Info.EVERY;
            }
            if (Character.isLetterOrDigit(c)) {
                // \G, back-references, hex, octal, control and Unicode escapes, quoting: not analysed.
                throw new Unsupported("escape \\" + c);
            }
            return Info.of(c, fold);
        }
    }
}
