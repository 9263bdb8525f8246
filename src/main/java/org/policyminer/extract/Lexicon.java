package org.policyminer.extract;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A list of patterns read from a tab-separated resource of this package: each row is some fixed columns
 * followed by a regular expression that must match whole words. Rows are immutable and shared across threads.
 */
final class Lexicon {

    /** One row: its leading columns and the compiled pattern (the last column). */
    record Entry(List<String> columns, Pattern pattern, String regex) {
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
    /** All rows in one alternation: finds where any row may match in one pass over the text. */
    private final Pattern any;

    private Lexicon(String name, List<Entry> entries) {
        this.name = name;
        this.entries = List.copyOf(entries);
        StringBuilder alternation = new StringBuilder();
        boolean caseSensitive = true;
        for (Entry e : entries) {
            if (!alternation.isEmpty()) {
                alternation.append('|');
            }
            alternation.append("(?:").append(e.regex).append(')');
            caseSensitive = (e.pattern.flags() & Pattern.CASE_INSENSITIVE) == 0;
        }
        this.any = alternation.isEmpty() ? Pattern.compile("(?!)") : compile(alternation.toString(), caseSensitive);
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
        return any.matcher(word).matches();
    }

    /** The rows, in file order. */
    List<Entry> entries() {
        return entries;
    }

    /** Whether any row matches somewhere in {@code text}. */
    boolean matchesAnywhere(CharSequence text) {
        return any.matcher(text).find();
    }

    /**
     * Every match of every row, with overlaps resolved: a longer match beats a shorter one it overlaps, an earlier
     * row beats a later one of equal length. The result is in text order.
     */
    List<Match> findAll(CharSequence text) {
        List<Match> all = new ArrayList<>();
        // One pass of the alternation finds the positions where some row matches; only there is each row tried.
        Matcher candidates = any.matcher(text);
        int from = 0;
        while (from <= text.length() && candidates.find(from)) {
            int p = candidates.start();
            for (Entry e : entries) {
                Matcher m = e.pattern.matcher(text);
                m.useTransparentBounds(true).useAnchoringBounds(false).region(p, text.length());
                if (m.lookingAt() && m.end() > m.start()) {
                    all.add(new Match(e, m.start(), m.end()));
                }
            }
            from = p + 1;
        }
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

    @Override
    public String toString() {
        return name + " (" + entries.size() + " rows)";
    }
}
