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
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.policyminer.text.LiteralFilter;
import org.policyminer.text.LiteralSet;

/**
 * A list of patterns read from a tab-separated resource of this package: each row is some fixed columns
 * followed by a regular expression that must match whole words. Rows are immutable and shared across threads.
 */
final class Lexicon {

    /**
     * One row: its leading columns, the compiled pattern (the last column) and the literal strings the pattern
     * needs, which rule most texts out before the pattern runs.
     */
    record Entry(List<String> columns, Pattern pattern, String regex, LiteralFilter filter) {
        Entry(List<String> columns, Pattern pattern, String regex) {
            this(columns, pattern, regex, LiteralFilter.of(regex));
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

    private final String name;
    private final List<Entry> entries;
    /** The rows' literal filters, checked in one pass over a text. */
    private final LiteralSet filters;

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
    boolean matchesExactly(CharSequence word) {
        return anyRow(word, Matcher::matches);
    }

    /** The rows, in file order. */
    List<Entry> entries() {
        return entries;
    }

    /** Whether any row matches somewhere in {@code text}. */
    boolean matchesAnywhere(CharSequence text) {
        return anyRow(text, Matcher::find);
    }

    /** Whether any row matches somewhere in the scanned text. */
    boolean matchesAnywhere(Scan scan) {
        return anyRow(scan.text(), scan.candidates(this), Matcher::find);
    }

    /** Whether {@code test} holds for the matcher of some row over {@code text}; rows the filters rule out are not tried. */
    private boolean anyRow(CharSequence text, Predicate<Matcher> test) {
        return anyRow(text, filters.candidates(text), test);
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
        return findAll(text, filters.candidates(text));
    }

    /** {@link #findAll(CharSequence)} of the scanned text. */
    List<Match> findAll(Scan scan) {
        return findAll(scan.text(), scan.candidates(this));
    }

    private List<Match> findAll(CharSequence text, BitSet candidates) {
        List<Match> all = new ArrayList<>();
        for (int i = candidates.nextSetBit(0); i >= 0; i = candidates.nextSetBit(i + 1)) {
            Entry e = entries.get(i);
            // Every position where the row matches, overlapping matches included (the longest wins below).
            Matcher m = e.pattern.matcher(text);
            int from = 0;
            while (from <= text.length() && m.find(from)) {
                if (m.end() > m.start()) {
                    all.add(new Match(e, m.start(), m.end()));
                }
                from = m.start() + 1;
            }
        }
        // Text order, rows in file order at the same position: the order ties are broken in.
        all.sort(Comparator.comparingInt(Match::start));
        return resolveOverlaps(all);
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
     * The literal filters of several lexicons checked in one pass over a text: a clause is read by a dozen lexicons,
     * and one scan of it (see {@link LiteralSet}) tells each which of its rows may match. Immutable and thread-safe.
     */
    static final class Scanner {
        private final Map<Lexicon, Integer> offsets = new IdentityHashMap<>();
        private final LiteralSet filters;

        Scanner(List<Lexicon> lexicons) {
            List<LiteralFilter> all = new ArrayList<>();
            for (Lexicon l : lexicons) {
                if (offsets.putIfAbsent(l, all.size()) == null) {
                    l.entries.forEach(e -> all.add(e.filter()));
                }
            }
            filters = new LiteralSet(all);
        }

        /** The text, scanned for the literals of every lexicon of this scanner. */
        Scan scan(String text) {
            return new Scan(this, text, filters.candidates(text));
        }
    }

    /** A text scanned by a {@link Scanner}: the rows of its lexicons that may match it. */
    record Scan(Scanner scanner, String text, BitSet all) {
        /** The rows of one of the scanner's lexicons that may match the text. */
        BitSet candidates(Lexicon lexicon) {
            Integer from = scanner.offsets.get(lexicon);
            if (from == null) {
                throw new IllegalArgumentException(lexicon + " is not one of the scanner's lexicons");
            }
            return all.get(from, from + lexicon.entries.size());
        }
    }

    @Override
    public String toString() {
        return name + " (" + entries.size() + " rows)";
    }
}
