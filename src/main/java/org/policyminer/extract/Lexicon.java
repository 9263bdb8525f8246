package org.policyminer.extract;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.policyminer.text.LeadingChars;
import org.policyminer.text.LiteralFilter;
import org.policyminer.text.LiteralSet;

/**
 * A list of patterns read from a tab-separated resource of this package: each row is some fixed columns
 * followed by a regular expression that must match whole words. Rows are immutable and shared across threads.
 */
final class Lexicon {

    /**
     * One row: its leading columns, the compiled pattern (the last column), the literal strings the pattern needs,
     * which rule most texts out before the pattern runs, and the characters its matches start with, which rule out
     * most positions of the texts it runs on.
     */
    record Entry(List<String> columns, Pattern pattern, String regex, LiteralFilter filter, LeadingChars lead) {
        Entry(List<String> columns, Pattern pattern, String regex) {
            this(columns, pattern, regex, LiteralFilter.of(regex), LeadingChars.of(pattern));
        }

        String value() {
            return columns.get(0);
        }

        String column(int i) {
            return columns.get(i);
        }
    }

    /** A match of an entry's pattern. */
    record Match(Entry entry, int start, int end) {
        int length() {
            return end - start;
        }
    }

    /** Above this many words the answers of {@link #matchesExactly} are no longer remembered. */
    private static final int MAX_REMEMBERED_WORDS = 1 << 15;

    private final String name;
    private final List<Entry> entries;
    /** The rows' literal filters, checked in one pass over a text. */
    private final LiteralSet filters;
    /**
     * The answers of {@link #matchesExactly}, by word: the rules ask it of every token, and the words of policies
     * repeat (a pure function of the word, so remembering it changes no answer).
     */
    private final Map<String, Boolean> exactly = new ConcurrentHashMap<>();

    private Lexicon(String name, List<Entry> entries) {
        this.name = name;
        this.entries = List.copyOf(entries);
        this.filters = new LiteralSet(entries.stream().map(Entry::filter).toList());
    }

    /**
     * Reads {@code resource} (a file next to this class) whose rows have {@code columns} tab-separated columns, the
     * last one a pattern; lines starting with {@code #} and blank lines are skipped.
     */
    static Lexicon load(String resource, int columns, boolean caseSensitive) {
        List<Entry> entries = new ArrayList<>();
        for (String[] f : rows(resource, columns)) {
            entries.add(new Entry(List.of(f).subList(0, columns - 1), compile(f[columns - 1], caseSensitive),
                    f[columns - 1]));
        }
        return new Lexicon(resource, entries);
    }

    /** The rows of a plain tab-separated resource of this package with exactly {@code columns} columns. */
    static List<String[]> rows(String resource, int columns) {
        try (InputStream in = Lexicon.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("lexicon " + resource + " is missing from the class path");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<String[]> rows = new ArrayList<>();
            String line;
            int lineNo = 0;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                if (f.length != columns) {
                    throw new IllegalStateException(resource + ":" + lineNo + ": expected " + columns
                            + " tab-separated columns, found " + f.length);
                }
                rows.add(f);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Compiles a lexicon pattern so that it only matches whole words. */
    static Pattern compile(String regex, boolean caseSensitive) {
        int flags = caseSensitive ? 0 : Pattern.CASE_INSENSITIVE;
        return Pattern.compile("(?<![\\p{L}\\p{N}_])(?:" + regex + ")(?![\\p{L}\\p{N}_])", flags);
    }

    /** A lexicon of bare patterns (no value columns), each entry valued {@code name}. */
    static Lexicon ofPatterns(String name, List<String> patterns, boolean caseSensitive) {
        List<Entry> entries = new ArrayList<>();
        for (String p : patterns) {
            entries.add(new Entry(List.of(name), compile(p, caseSensitive), p));
        }
        return new Lexicon(name, entries);
    }

    /** Whether some row matches the whole of {@code word}. */
    boolean matchesExactly(String word) {
        Boolean known = exactly.get(word);
        if (known == null) {
            known = anyRow(word, filters.candidates(word), Matcher::matches);
            if (exactly.size() < MAX_REMEMBERED_WORDS) {
                exactly.put(word, known);
            }
        }
        return known;
    }

    /**
     * Whether some row may match the whole of the non-empty word that starts at {@code start} of {@code source};
     * false only when {@link #matchesExactly} of that word (or, {@code lowerCased}, of its
     * {@code toLowerCase(Locale.ROOT)}) certainly says no. Only the word's first characters are read, and reading
     * stops before the word's end.
     */
    boolean mayMatchWordAt(CharSequence source, int start, boolean lowerCased) {
        for (Entry e : entries) {
            // Lower-casing is what a case-insensitive row does to ASCII letters; a case-sensitive one must see it.
            if (lowerCased && !e.lead.ignoresCase() || e.lead.mayStartAt(source, start)) {
                return true;
            }
        }
        return false;
    }

    /** The rows, in file order. */
    List<Entry> entries() {
        return entries;
    }

    /** Whether any row matches somewhere in {@code text}. */
    boolean matchesAnywhere(CharSequence text) {
        return matchesAnywhere(text, filters.candidates(text), wordStarts(text));
    }

    /** Whether any row matches somewhere in the scanned text. */
    boolean matchesAnywhere(Scan scan) {
        return matchesAnywhere(scan.text(), scan.candidates(this), scan.starts());
    }

    private boolean matchesAnywhere(CharSequence text, BitSet candidates, int[] starts) {
        for (int i = candidates.nextSetBit(0); i >= 0; i = candidates.nextSetBit(i + 1)) {
            Entry e = entries.get(i);
            if (e.lead.mayBeEmpty() ? e.pattern.matcher(text).find() : !attempts(e, text, starts, null)) {
                return true;
            }
        }
        return false;
    }

    private boolean anyRow(CharSequence text, BitSet candidates, Predicate<Matcher> test) {
        for (int i = candidates.nextSetBit(0); i >= 0; i = candidates.nextSetBit(i + 1)) {
            if (test.test(entries.get(i).pattern.matcher(text))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Every match of every row, with overlaps resolved: a longer match beats a shorter one it overlaps, an earlier
     * row beats a later one of equal length. The result is in text order.
     */
    List<Match> findAll(CharSequence text) {
        // Most rows miss most clauses; their literal filters rule them out without running the pattern.
        return findAll(text, filters.candidates(text), wordStarts(text));
    }

    /** {@link #findAll(CharSequence)} of the scanned text. */
    List<Match> findAll(Scan scan) {
        return findAll(scan.text(), scan.candidates(this), scan.starts());
    }

    /**
     * {@link #findAll(CharSequence)} of a part of a scanned text ({@code part} is a substring of it): a row whose
     * literals the whole text lacks cannot match the part either.
     */
    List<Match> findAll(String part, Scan whole) {
        return findAll(part, whole.candidates(this), wordStarts(part));
    }

    private List<Match> findAll(CharSequence text, BitSet candidates, int[] starts) {
        List<Match> all = new ArrayList<>();
        for (int i = candidates.nextSetBit(0); i >= 0; i = candidates.nextSetBit(i + 1)) {
            attempts(entries.get(i), text, starts, all);
        }
        if (all.size() <= 1) {
            return all;
        }
        // Text order, rows in file order at the same position: the order ties are broken in.
        all.sort(Comparator.comparingInt(Match::start));
        return resolveOverlaps(all);
    }

    /**
     * Tries a row at every position of a text where it can start a whole-word match, and adds each non-empty match
     * to {@code out} (null: stops at the first); true when it found none. This is what {@code find(from)} from every
     * position gives, overlapping matches included: a search would try the same positions, and fail at the others
     * (inside a word, where the leading {@code (?<![\p{L}\p{N}_])} of {@link #compile} fails, or on a character no
     * match starts with).
     */
    private static boolean attempts(Entry e, CharSequence text, int[] starts, List<Match> out) {
        Matcher m = null;
        int n = text.length();
        boolean none = true;
        for (int p : starts) {
            if (!e.lead.mayStartAt(text, p)) {
                continue;
            }
            if (m == null) {
                // The positions before the region stay visible to the look-behind, as in a search of the whole text.
                m = e.pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
            }
            m.region(p, n);
            if (m.lookingAt() && m.end() > m.start()) {
                none = false;
                if (out == null) {
                    return false;
                }
                out.add(new Match(e, m.start(), m.end()));
            }
        }
        return none;
    }

    /**
     * The positions where a lexicon row may start a match: every position not preceded by an ASCII letter, digit or
     * underscore, before which {@link #compile}'s whole-word look-behind certainly fails.
     */
    static int[] wordStarts(CharSequence text) {
        int n = text.length();
        int[] starts = new int[n];
        int k = 0;
        boolean afterWordChar = false;
        for (int p = 0; p < n; p++) {
            if (!afterWordChar) {
                starts[k++] = p;
            }
            char c = text.charAt(p);
            afterWordChar = c < 128 && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_');
        }
        return k == n ? starts : java.util.Arrays.copyOf(starts, k);
    }

    /** Keeps the longest of overlapping matches (stable for equal lengths), returned in text order. */
    static List<Match> resolveOverlaps(List<Match> all) {
        List<Match> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparingInt(Match::length).reversed());
        List<Match> kept = new ArrayList<>();
        for (Match m : sorted) {
            boolean overlaps = false;
            for (Match k : kept) {
                if (m.start() < k.end() && k.start() < m.end()) {
                    overlaps = true;
                    break;
                }
            }
            if (!overlaps) {
                kept.add(m);
            }
        }
        kept.sort(Comparator.comparingInt(Match::start));
        return kept;
    }

    /**
     * The literal filters of several lexicons checked in one pass over a text: a clause is read by a dozen lexicons
     * and a few other patterns, and one scan of it (see {@link LiteralSet}) tells each which of its rows may match.
     * Immutable and thread-safe.
     */
    static final class Scanner {
        private final Map<Object, Integer> offsets = new IdentityHashMap<>();
        private final LiteralSet filters;

        /** The scanner of these lexicons' rows. */
        Scanner(List<Lexicon> lexicons) {
            this(lexicons, List.of());
        }

        /** The scanner of these lexicons' rows and of other patterns' filters, asked with {@link Scan#mayMatch}. */
        Scanner(List<Lexicon> lexicons, List<LiteralFilter> others) {
            List<LiteralFilter> all = new ArrayList<>();
            for (Lexicon l : lexicons) {
                if (offsets.putIfAbsent(l, all.size()) == null) {
                    l.entries.forEach(e -> all.add(e.filter()));
                }
            }
            for (LiteralFilter f : others) {
                if (offsets.putIfAbsent(f, all.size()) == null) {
                    all.add(f);
                }
            }
            filters = new LiteralSet(all);
        }

        /** The text, scanned for the literals of every lexicon and filter of this scanner. */
        Scan scan(String text) {
            return new Scan(this, text, filters.candidates(text), wordStarts(text));
        }

        private int offset(Object lexiconOrFilter) {
            Integer from = offsets.get(lexiconOrFilter);
            if (from == null) {
                throw new IllegalArgumentException(lexiconOrFilter + " is not one of the scanner's lexicons or filters");
            }
            return from;
        }
    }

    /**
     * A text scanned by a {@link Scanner}: the rows of its lexicons that may match it, and the positions where a
     * row may start a match ({@link #wordStarts}).
     */
    record Scan(Scanner scanner, String text, BitSet all, int[] starts) {
        /** The rows of one of the scanner's lexicons that may match the text. */
        BitSet candidates(Lexicon lexicon) {
            int from = scanner.offset(lexicon);
            return all.get(from, from + lexicon.entries.size());
        }

        /** What one of the scanner's other filters says of the text: whether its pattern may match it. */
        boolean mayMatch(LiteralFilter filter) {
            return all.get(scanner.offset(filter));
        }
    }

    @Override
    public String toString() {
        return name + " (" + entries.size() + " rows)";
    }
}
