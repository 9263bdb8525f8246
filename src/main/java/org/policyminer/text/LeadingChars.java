package org.policyminer.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The first few characters a regular expression's non-empty matches can start with, as a superset: a pattern that
 * must start with "cookie" or "web beacon" is then tried only at the positions of a text that start with "coo" or
 * "web", instead of at every position as {@link java.util.regex.Matcher#find} does. Up to {@value #DEPTH} ASCII
 * characters are tracked (in either case where the pattern is {@code CASE_INSENSITIVE}); a non-ASCII character in
 * the text always lets the pattern be tried. A pattern the analysis does not understand (back-references,
 * {@code \Q...\E}, inline flags, an unknown escape) may start anywhere, so that the set is never too small, only
 * sometimes useless. Immutable.
 */
public final class LeadingChars {

    /** How many leading characters are tracked. */
    private static final int DEPTH = 3;
    /** Above this many strings a sub-expression's leading strings are no longer tracked. */
    private static final int MAX_STRINGS = 512;
    private static final LeadingChars ANY = new LeadingChars(null, true, true);

    /** Whether letters are compared in either case. */
    private final boolean fold;
    /** Whether a match may start anywhere (the analysis knows nothing). */
    private final boolean anywhere;
    private final boolean mayBeEmpty;
    /** The first characters of the leading strings, and the strings of one character: bits as in {@link #bit}. */
    private final long firstLow;
    private final long firstHigh;
    private final long oneLow;
    private final long oneHigh;
    /** The leading strings of two and of three characters, encoded seven bits a character, sorted. */
    private final int[] two;
    private final int[] three;

    private LeadingChars(Info info, boolean fold, boolean anywhere) {
        this.fold = fold;
        this.anywhere = anywhere || info.open.contains("");
        this.mayBeEmpty = info == null || info.nullable;
        long fl = 0;
        long fh = 0;
        long ol = 0;
        long oh = 0;
        List<Integer> twos = new ArrayList<>();
        List<Integer> threes = new ArrayList<>();
        if (!this.anywhere) {
            Set<String> all = new HashSet<>(info.done);
            all.addAll(info.open);
            for (String x : all) {
                char c = x.charAt(0);
                fl |= c < 64 ? 1L << c : 0;
                fh |= c >= 64 ? 1L << (c - 64) : 0;
                if (x.length() == 1) {
                    ol |= c < 64 ? 1L << c : 0;
                    oh |= c >= 64 ? 1L << (c - 64) : 0;
                } else {
                    (x.length() == 2 ? twos : threes).add(code(x));
                }
            }
        }
        firstLow = fl;
        firstHigh = fh;
        oneLow = ol;
        oneHigh = oh;
        two = twos.stream().mapToInt(Integer::intValue).sorted().toArray();
        three = threes.stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    private static int code(String x) {
        int c = 0;
        for (int i = 0; i < x.length(); i++) {
            c = c << 7 | x.charAt(i);
        }
        return c;
    }

    private static boolean bit(long low, long high, char c) {
        return ((c < 64 ? low >>> c : high >>> (c - 64)) & 1) != 0;
    }

    /** The leading characters of a compiled pattern; anywhere for flags that change how it is read. */
    public static LeadingChars of(Pattern pattern) {
        if ((pattern.flags() & (Pattern.COMMENTS | Pattern.LITERAL | Pattern.UNICODE_CASE | Pattern.CANON_EQ
                | Pattern.UNICODE_CHARACTER_CLASS)) != 0) {
            return ANY;
        }
        String re = pattern.pattern();
        boolean fold = (pattern.flags() & Pattern.CASE_INSENSITIVE) != 0;
        try {
            Parser p = new Parser(re, fold);
            Info root = p.alternation();
            if (p.pos != re.length()) {
                return ANY;
            }
            return new LeadingChars(root, fold, false);
        } catch (Unsupported | RuntimeException e) {
            return ANY;
        }
    }

    /** A text character as the leading strings hold it: small letters for a case-insensitive pattern. */
    private char norm(char c) {
        return fold && c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    /** Whether the pattern ignores the case of ASCII letters, as these leading strings do. */
    public boolean ignoresCase() {
        return fold;
    }

    /** Whether a non-empty match may start at position {@code p} of {@code text} ({@code p < text.length()}). */
    public boolean mayStartAt(CharSequence text, int p) {
        if (anywhere) {
            return true;
        }
        char c0 = text.charAt(p);
        if (c0 >= 128) {
            return true;
        }
        c0 = norm(c0);
        if (!bit(firstLow, firstHigh, c0)) {
            return false;
        }
        if (bit(oneLow, oneHigh, c0) || p + 1 >= text.length()) {
            return bit(oneLow, oneHigh, c0);
        }
        char c1 = text.charAt(p + 1);
        if (c1 >= 128) {
            return true;
        }
        int code = c0 << 7 | norm(c1);
        if (Arrays.binarySearch(two, code) >= 0) {
            return true;
        }
        if (p + 2 >= text.length()) {
            return false;
        }
        char c2 = text.charAt(p + 2);
        return c2 >= 128 || Arrays.binarySearch(three, code << 7 | norm(c2)) >= 0;
    }

    /**
     * What {@code m.find(from)} does, for a matcher of the pattern this set was made of over {@code text}: the
     * pattern is tried only at the positions where a match may start, and then left as a search leaves it
     * ({@code start()}, {@code end()}, groups). The matcher's region is moved, with transparent and non-anchoring
     * bounds, so that look-arounds and anchors see the whole text as a search does.
     */
    public boolean find(Matcher m, CharSequence text, int from) {
        if (mayBeEmpty) {
            return m.find(from);
        }
        m.useTransparentBounds(true).useAnchoringBounds(false);
        for (int p = from, n = text.length(); p < n; p++) {
            if (mayStartAt(text, p)) {
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
        if (anywhere) {
            return "(anywhere)";
        }
        StringBuilder b = new StringBuilder();
        for (char c = 0; c < 128; c++) {
            if (bit(oneLow, oneHigh, c)) {
                b.append(b.isEmpty() ? "" : " ").append(c);
            }
        }
        for (int[] codes : new int[][] {two, three}) {
            for (int code : codes) {
                StringBuilder x = new StringBuilder();
                for (int k = code; k != 0; k >>>= 7) {
                    x.insert(0, (char) (k & 0x7f));
                }
                b.append(b.isEmpty() ? "" : " ").append(x);
            }
        }
        return b.toString();
    }

    /** A construct the analysis does not handle: every character is then allowed. */
    private static final class Unsupported extends Exception {
        Unsupported(String what) {
            super(what, null, false, false);
        }
    }

    /**
     * What is known of a sub-expression's matches: whether one is empty; the non-empty ones shorter than
     * {@link #DEPTH} that are whole matches ({@code done}); the leading strings, at most {@link #DEPTH} long, of the
     * others ({@code open}, where "" stands for any start). Every non-empty match is in {@code done} or starts with
     * a string of {@code open}. Letters are small letters where the pattern ignores case.
     */
    private record Info(boolean nullable, Set<String> done, Set<String> open) {
        static final Info EMPTY = new Info(true, Set.of(), Set.of());
        static final Info ANYTHING = new Info(false, Set.of(), Set.of(""));

        Info {
            // Too many strings: shorter leading strings, as many as it takes (a prefix of a prefix is one too).
            for (int depth = DEPTH - 1; depth >= 0 && done.size() + open.size() > MAX_STRINGS; depth--) {
                Set<String> cut = new HashSet<>();
                for (Set<String> strings : List.of(done, open)) {
                    for (String x : strings) {
                        cut.add(x.length() > depth ? x.substring(0, depth) : x);
                    }
                }
                done = Set.of();
                open = cut;
            }
            // A string that starts with a leading string of an open match adds nothing.
            Set<String> leads = open;
            if (!leads.isEmpty()) {
                open = minimal(open, leads, false);
                done = minimal(done, leads, true);
            }
        }

        private static Set<String> minimal(Set<String> strings, Set<String> leads, boolean whole) {
            Set<String> out = new HashSet<>();
            for (String x : strings) {
                boolean covered = false;
                for (int k = 0; k < (whole ? x.length() + 1 : x.length()) && !covered; k++) {
                    covered = leads.contains(x.substring(0, k));
                }
                if (!covered) {
                    out.add(x);
                }
            }
            return out;
        }

        /** The matches of either. */
        Info or(Info o) {
            return new Info(nullable || o.nullable, union(done, o.done), union(open, o.open));
        }

        /** The matches of this followed by those of {@code o}. */
        Info then(Info o) {
            Set<String> d = new HashSet<>();
            Set<String> op = new HashSet<>(open);
            if (o.nullable) {
                d.addAll(done);
            }
            if (nullable) {
                d.addAll(o.done);
                op.addAll(o.open);
            }
            for (String x : done) {
                for (String y : o.done) {
                    String xy = x + y;
                    (xy.length() < DEPTH ? d : op).add(truncated(xy));
                }
                for (String y : o.open) {
                    op.add(truncated(x + y));
                }
                if (d.size() + op.size() > 16 * MAX_STRINGS) {
                    return new Info(nullable && o.nullable, Set.of(), Set.of(""));
                }
            }
            return new Info(nullable && o.nullable, d, op);
        }

        /** One or more of these matches in a row. */
        Info repeated() {
            Info all = this;
            for (int i = 0; i <= DEPTH + 1; i++) {
                Info more = all.or(all.then(this));
                if (more.equals(all)) {
                    return all;
                }
                all = more;
            }
            return new Info(nullable, Set.of(), Set.of(""));
        }

        private static String truncated(String x) {
            return x.length() > DEPTH ? x.substring(0, DEPTH) : x;
        }

        private static Set<String> union(Set<String> a, Set<String> b) {
            Set<String> u = new HashSet<>(a);
            u.addAll(b);
            return u;
        }
    }

    /** The one-character matches of a set of ASCII characters; any start when it is large or not ASCII. */
    private static Info chars(boolean[] set, boolean fold, boolean other) {
        Set<String> d = new HashSet<>();
        for (char c = 0; c < 128; c++) {
            if (set[c]) {
                d.add(String.valueOf(fold && c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c));
            }
        }
        // Large classes (\w, \d) are not worth tracking: they would multiply the strings that follow.
        return other || d.size() > 10 ? Info.ANYTHING : new Info(false, d, Set.of());
    }

    /** Recursive descent over Java regular-expression syntax; each method returns the {@link Info} of what it read. */
    private static final class Parser extends RegexReader<Info, Unsupported> {
        /** Whether ASCII letters match in either case ({@code CASE_INSENSITIVE}). */
        private final boolean fold;

        Parser(String re, boolean fold) {
            super(re, Info.ANYTHING, Info.EMPTY);
            this.fold = fold;
        }

        Info alternation() throws Unsupported {
            Info all = sequence();
            while (nextAlternative()) {
                Info branch = sequence();
                all = all.or(branch);
            }
            return all;
        }

        Info sequence() throws Unsupported {
            Info all = Info.EMPTY;
            while (inSequence()) {
                Info item = quantified();
                // Once every match has its leading strings, what follows adds nothing.
                if (all.nullable || !all.done.isEmpty()) {
                    all = all.then(item);
                }
            }
            return all;
        }

        @Override
        Info quantify(Info atom, int min, int max) {
            if (max == 0) {
                return Info.EMPTY;
            }
            Info once = max == 1 ? atom : atom.repeated();
            return min == 0 ? new Info(true, once.done, once.open) : once;
        }

        /** A character matched as itself (in either case where the pattern ignores case). */
        @Override
        Info literal(char c) {
            // A non-ASCII character is not tracked: the text's non-ASCII characters are always let through anyway.
            return c >= 128 ? Info.ANYTHING
                    : new Info(false, Set.of(String.valueOf(fold && c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c)),
                            Set.of());
        }

        @Override
        Info group() throws Unsupported {
            // No inline flags: one may change how letters match.
            Opening opening = groupOpening("");
            Info inner = alternation();
            closeGroup();
            // A look-around consumes nothing: what follows it starts the match.
            return opening == Opening.LOOK_AROUND ? Info.EMPTY : inner;
        }

        /**
         * A class of plain characters, ranges and the ASCII classes {@code \s \d \w}; anything else in it (negation,
         * nesting, intersection, Unicode properties) allows every character.
         */
        @Override
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
            return chars(set, fold, every);
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

        @Override
        Info escape(char c) throws Unsupported {
            if ("bBAzZ".indexOf(c) >= 0) {
                return Info.EMPTY;
            }
            boolean[] set = new boolean[128];
            if (c == 'p' || c == 'P') {
                return chars(set, fold, !addProperty(c == 'P', set));
            }
            if (addClassEscape(c, set)) {
                return chars(set, fold, false);
            }
            if ("SDWhHvVRX".indexOf(c) >= 0) {
                return Info.ANYTHING;
            }
            if (Character.isLetterOrDigit(c)) {
                // \G, back-references, hex, octal, control and Unicode escapes, quoting: not analysed.
                throw new Unsupported("escape \\" + c);
            }
            return literal(c);
        }
    }
}
