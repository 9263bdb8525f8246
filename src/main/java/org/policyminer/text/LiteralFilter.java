package org.policyminer.text;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The literal strings a regular expression cannot match without: a cheap test that rules a text out before the
 * regular expression is run on it. If {@code mayMatch(lower(text))} is false, the pattern finds nothing in the
 * text; if it is true, the pattern may or may not match. The classifier's and the extractor's lexicons hold dozens
 * of case-insensitive patterns each, and most of them match nowhere in a given clause: looking for a few strings
 * (for a whole lexicon at once, with {@link LiteralSet}) is much cheaper than letting each regular expression try
 * every position.
 *
 * <p>The analysis reads Java regular-expression syntax: literals, escapes, character classes, groups, look-arounds,
 * alternation and quantifiers. Anything it does not understand (a flag that changes parsing or case folding,
 * {@code \Q...\E}, an unknown escape) makes the filter say "may match" for every text, so that a filter is never
 * wrong, only sometimes useless. Matching is assumed case-insensitive over ASCII (Java's
 * {@code CASE_INSENSITIVE} without {@code UNICODE_CASE}), which also covers case-sensitive patterns; the pattern
 * must not be compiled with {@code COMMENTS}, {@code LITERAL} or {@code UNICODE_CASE} flags (inline ones are
 * recognised and make the filter pass everything).
 */
public final class LiteralFilter {

    /** A filter that passes every text. */
    private static final LiteralFilter ALWAYS = new LiteralFilter(List.of());
    /** Above this many alternatives a finite set of strings is no longer tracked exactly. */
    private static final int MAX_STRINGS = 64;

    /** Lower-case ASCII strings, one of which occurs in every match; empty: no requirement known. */
    private final String[] required;

    private LiteralFilter(List<String> required) {
        this.required = required.toArray(String[]::new);
    }

    /** The filter of a Java regular expression; one that passes every text when the pattern is not understood. */
    public static LiteralFilter of(String regex) {
        try {
            Parser p = new Parser(regex);
            Info root = p.alternation();
            if (p.pos != regex.length()) {
                return ALWAYS;
            }
            Set<String> best = root.best();
            return best == null ? ALWAYS : new LiteralFilter(minimal(best));
        } catch (Unsupported | RuntimeException e) {
            return ALWAYS;
        }
    }

    /** The strings that contain none of the others: a text holding "collects" also holds "collect". */
    private static List<String> minimal(Set<String> strings) {
        List<String> out = new ArrayList<>();
        for (String s : strings) {
            boolean redundant = false;
            for (String t : strings) {
                redundant |= !t.equals(s) && s.contains(t);
            }
            if (!redundant) {
                out.add(s);
            }
        }
        return out;
    }

    /**
     * Whether the pattern may match somewhere in a text, given that text lower-cased by {@link #lower(CharSequence)}.
     */
    public boolean mayMatch(String lowerText) {
        if (required.length == 0) {
            return true;
        }
        for (String s : required) {
            if (lowerText.contains(s)) {
                return true;
            }
        }
        return false;
    }

    /** The lower-case strings one of which every match contains; empty when nothing is known. */
    public List<String> strings() {
        return List.of(required);
    }

    /** Whether this filter ever rules a text out (false when the pattern was not understood or requires nothing). */
    public boolean selective() {
        return required.length > 0;
    }

    /** The text with ASCII letters lower-cased and every other character kept, so that offsets do not move. */
    public static String lower(CharSequence text) {
        int n = text.length();
        char[] out = null;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                if (out == null) {
                    out = new char[n];
                    for (int j = 0; j < i; j++) {
                        out[j] = text.charAt(j);
                    }
                }
                out[i] = (char) (c + ('a' - 'A'));
            } else if (out != null) {
                out[i] = c;
            }
        }
        return out == null ? text.toString() : new String(out);
    }

    @Override
    public String toString() {
        return required.length == 0 ? "(any text)" : String.join(" | ", required);
    }

    /** A construct the analysis does not handle; the filter then passes everything. */
    private static final class Unsupported extends Exception {
        Unsupported(String what) {
            super(what, null, false, false);
        }
    }

    /** A set of strings that rules nothing out (it holds the empty string) is no requirement: null. */
    private static Set<String> usable(Set<String> strings) {
        return strings == null || strings.contains("") ? null : strings;
    }

    /**
     * The more selective of two requirements (either may be null): the longer shortest string, then fewer strings.
     * Length wins because a pattern that passes the filter is run: on the sample policies, ranking by length
     * alone lets a third fewer patterns through than ranking short strings of six characters or more as equal,
     * for twice as many strings in the automaton, which costs far less than the regular expressions.
     */
    private static Set<String> better(Set<String> a, Set<String> b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        int la = minLength(a);
        int lb = minLength(b);
        if (la != lb) {
            return la > lb ? a : b;
        }
        return b.size() < a.size() ? b : a;
    }

    private static int minLength(Set<String> s) {
        int m = Integer.MAX_VALUE;
        for (String x : s) {
            m = Math.min(m, x.length());
        }
        return m;
    }

    /**
     * What is known of a sub-expression: whether it can match the empty string, the exact finite set of strings it
     * matches (lower-cased; null when unknown or too many), and a set of strings one of which every match contains
     * (null when none is known).
     */
    private record Info(boolean nullable, Set<String> exact, Set<String> required) {
        static final Info EMPTY = new Info(true, Set.of(""), null);
        static final Info OPAQUE = new Info(false, null, null);

        /** The most selective requirement known: the exact strings or the required ones. */
        Set<String> best() {
            return better(usable(exact), required);
        }
    }

    /** Recursive descent over the pattern; each method returns the {@link Info} of what it read. */
    private static final class Parser extends RegexReader<Info, Unsupported> {

        Parser(String re) {
            super(re, Info.OPAQUE, Info.EMPTY);
        }

        Info alternation() throws Unsupported {
            List<Info> branches = new ArrayList<>();
            branches.add(sequence());
            while (nextAlternative()) {
                branches.add(sequence());
            }
            if (branches.size() == 1) {
                return branches.get(0);
            }
            boolean nullable = false;
            Set<String> exact = new LinkedHashSet<>();
            Set<String> required = new LinkedHashSet<>();
            for (Info b : branches) {
                nullable |= b.nullable;
                if (exact != null && b.exact != null) {
                    exact.addAll(b.exact);
                } else {
                    exact = null;
                }
                Set<String> best = b.best();
                if (required != null && best != null) {
                    required.addAll(best);
                } else {
                    required = null;
                }
            }
            if (exact != null && exact.size() > MAX_STRINGS) {
                exact = null;
            }
            return new Info(nullable, exact, required);
        }

        /**
         * A concatenation. Every run of consecutive items with exact strings yields a requirement (the product of
         * their strings, while it stays small); the most selective requirement over all runs is kept.
         */
        Info sequence() throws Unsupported {
            boolean nullable = true;
            Set<String> whole = Set.of("");
            Set<String> best = null;
            // The products of the runs that end at the current item, one per item they start at.
            List<Set<String>> runs = new ArrayList<>();
            while (inSequence()) {
                Info item = quantified();
                nullable &= item.nullable;
                if (item.exact == null) {
                    runs.clear();
                    whole = null;
                    best = better(best, item.best());
                    continue;
                }
                List<Set<String>> extended = new ArrayList<>();
                for (Set<String> run : runs) {
                    Set<String> p = product(run, item.exact);
                    if (p != null) {
                        extended.add(p);
                    }
                }
                extended.add(item.exact);
                runs = extended;
                for (Set<String> run : runs) {
                    best = better(best, usable(run));
                }
                whole = whole == null ? null : product(whole, item.exact);
            }
            return new Info(nullable, whole, best);
        }

        private static Set<String> product(Set<String> a, Set<String> b) {
            if ((long) a.size() * b.size() > MAX_STRINGS) {
                return null;
            }
            Set<String> out = new LinkedHashSet<>();
            for (String x : a) {
                for (String y : b) {
                    out.add(x + y);
                }
            }
            return out;
        }

        @Override
        Info quantify(Info atom, int min, int max) {
            if (min == 1 && max == 1) {
                return atom;
            }
            if (min == 0 && max == 1) {
                Set<String> exact = null;
                if (atom.exact != null) {
                    exact = new LinkedHashSet<>(atom.exact);
                    exact.add("");
                }
                return new Info(true, exact, null);
            }
            if (min == 0) {
                return new Info(true, null, null);
            }
            return new Info(atom.nullable, null, atom.best());
        }

        @Override
        Info characterClass() throws Unsupported {
            int start = pos;
            skipClass();
            return simpleClass(re.substring(start + 1, pos - 1));
        }

        @Override
        Info literal(char c) {
            return character(c);
        }

        private static Info character(char c) {
            if (c >= 128) {
                // Not folded by ASCII case-insensitive matching; keeping it out of the strings keeps lower() exact.
                return Info.OPAQUE;
            }
            String s = String.valueOf(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
            return new Info(false, Set.of(s), null);
        }

        @Override
        Info group() throws Unsupported {
            // Inline flags: (?i) or (?i:...). Only flags that change neither parsing nor case folding.
            Opening opening = groupOpening("imsd-");
            if (opening == Opening.FLAGS) {
                return Info.EMPTY;
            }
            Info inner = alternation();
            closeGroup();
            return opening == Opening.LOOK_AROUND ? Info.EMPTY : inner;
        }

        /**
         * A class of a few plain ASCII characters and ranges ({@code [sz]}, {@code [- ]}) as the set of those
         * characters; anything else in a class (negation, escapes, nesting, intersections) is opaque.
         */
        private static Info simpleClass(String body) {
            if (body.isEmpty() || body.startsWith("^") || body.contains("[") || body.contains("\\")
                    || body.contains("&&")) {
                return Info.OPAQUE;
            }
            Set<String> chars = new LinkedHashSet<>();
            for (int i = 0; i < body.length(); i++) {
                char from = body.charAt(i);
                char to = from;
                if (i + 2 < body.length() && body.charAt(i + 1) == '-') {
                    to = body.charAt(i + 2);
                    i += 2;
                }
                if (from >= 128 || to >= 128 || to < from || to - from > 8) {
                    return Info.OPAQUE;
                }
                for (char c = from; c <= to; c++) {
                    chars.addAll(character(c).exact);
                }
            }
            return chars.size() > 8 ? Info.OPAQUE : new Info(false, chars, null);
        }

        private void skipClass() throws Unsupported {
            int depth = 0;
            while (pos < re.length()) {
                char c = re.charAt(pos);
                if (c == '\\') {
                    if (re.startsWith("Q", pos + 1)) {
                        throw new Unsupported("\\Q in class");
                    }
                    pos += 2;
                    continue;
                }
                if (c == '[') {
                    depth++;
                    pos++;
                    // A ']' right after '[' or '[^' is read differently by different engines: not analysed.
                    if (re.startsWith("^", pos)) {
                        pos++;
                    }
                    if (re.startsWith("]", pos)) {
                        throw new Unsupported("] first in class");
                    }
                    continue;
                }
                pos++;
                if (c == ']' && --depth == 0) {
                    return;
                }
            }
            throw new Unsupported("unclosed class");
        }

        @Override
        Info escape(char c) throws Unsupported {
            if ("bBAzZG".indexOf(c) >= 0) {
                return Info.EMPTY;
            }
            if ("sSwWdDhHvVRX".indexOf(c) >= 0) {
                return Info.OPAQUE;
            }
            if ("tnrfae".indexOf(c) >= 0) {
                return Info.OPAQUE;
            }
            if (c == 'p' || c == 'P') {
                if (re.startsWith("{", pos)) {
                    int close = re.indexOf('}', pos);
                    if (close < 0) {
                        throw new Unsupported("bad \\p");
                    }
                    pos = close + 1;
                } else {
                    pos++;
                }
                return Info.OPAQUE;
            }
            if (c >= '1' && c <= '9' || c == 'k') {
                // A back-reference may repeat an empty group.
                if (c == 'k') {
                    int close = re.indexOf('>', pos);
                    if (close < 0) {
                        throw new Unsupported("bad \\k");
                    }
                    pos = close + 1;
                } else {
                    while (pos < re.length() && Character.isDigit(re.charAt(pos))) {
                        pos++;
                    }
                }
                return new Info(true, null, null);
            }
            if (Character.isLetterOrDigit(c)) {
                // Hex, octal, control and Unicode escapes, quoting and the rest: not analysed.
                throw new Unsupported("escape \\" + c);
            }
            return literal(c);
        }
    }
}
