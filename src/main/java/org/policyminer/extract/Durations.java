package org.policyminer.extract;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.policyminer.text.LeadingChars;
import org.policyminer.text.LiteralFilter;

/**
 * Reads stated periods ("no more than 5 (five) years", "within thirty calendar days", "90-day") and normalises
 * them to ISO-8601 durations with an optional bound: {@code max P5Y}, {@code min P1Y}, {@code P30D}, or a range
 * {@code min P1Y max P2Y}. Number words come from {@code numbers.tsv}.
 */
public final class Durations {

    /** A period found in a text. */
    public record Period(int start, int end, String value, double days) {
    }

    private static final Map<String, BigDecimal> WORDS = loadWords();
    private static final String NUMBER;
    static final Pattern PERIOD;
    /** The unit words a period cannot be written without: most texts hold none, and the pattern is not run. */
    static final LiteralFilter PERIOD_FILTER;
    /** Where a period can start: the pattern is tried at those positions only. */
    static final LeadingChars PERIOD_LEAD;

    static {
        List<String> words = new ArrayList<>(WORDS.keySet());
        words.sort(Comparator.comparingInt(String::length).reversed());
        StringBuilder alt = new StringBuilder("\\d+(?:[.,]\\d+)?");
        for (String w : words) {
            // Plain words unquoted, so that the literal filter can read the pattern.
            alt.append('|').append(w.matches("[a-z]+(?:[ -][a-z]+)*") ? w.replace(" ", "[\\s-]+")
                    : Pattern.quote(w).replace(" ", "\\E[\\s-]+\\Q"));
        }
        NUMBER = "(?:" + alt + ")";
        String paren = "(?:\\s*\\((?:\\d+|[a-z]+(?:[ -][a-z]+)*)\\))?";
        String unit = "(?:(?:calendar|business|working|full)\\s+)?(?<unit>days?|weeks?|months?|years?|yrs?|hours?|hrs?|minutes?)";
        String max = "no more than|not more than|up to|a maximum of|maximum of|at most|no longer than|not longer than"
                + "|not exceeding|not to exceed|less than|fewer than|under|maximum";
        String min = "at least|a minimum of|minimum of|no less than|not less than|more than|longer than|over|in excess of";
        PERIOD = Pattern.compile("(?<![\\p{L}\\p{N}])(?:(?<max>" + max + ")\\s+|(?<min>" + min + ")\\s+"
                        + "|(?:between|from)\\s+(?<low>" + NUMBER + ")" + paren + "\\s*(?:and|to|-|–)\\s*)?"
                        + "(?<n>" + NUMBER + ")" + paren
                        + "(?:\\s*(?:to|-|–)\\s*(?<high>" + NUMBER + ")" + paren + ")?"
                        + "[\\s-]*" + unit + "(?![\\p{L}\\p{N}])"
                        // "13 years of age", "a 16-year-old": an age, not a period.
                        + "(?!\\s+(?:of\\s+age|old|or\\s+older|or\\s+younger)|-olds?)",
                Pattern.CASE_INSENSITIVE);
        PERIOD_FILTER = LiteralFilter.of(PERIOD.pattern());
        PERIOD_LEAD = LeadingChars.of(PERIOD);
    }

    private Durations() {
    }

    private static Map<String, BigDecimal> loadWords() {
        Map<String, BigDecimal> m = new LinkedHashMap<>();
        for (String[] row : Lexicon.rows("numbers.tsv", 2)) {
            m.put(row[0].toLowerCase(Locale.ROOT), new BigDecimal(row[1]));
        }
        // Compounds ("twenty-six") from the tens and units the list has.
        Map<String, BigDecimal> compounds = new LinkedHashMap<>();
        m.forEach((tens, t) -> {
            int v = t.intValue();
            if (v >= 20 && v <= 90 && v % 10 == 0 && !tens.contains(" ")) {
                m.forEach((unit, u) -> {
                    if (u.intValue() >= 1 && u.intValue() <= 9 && !unit.matches("an?")) {
                        compounds.putIfAbsent(tens + "-" + unit, t.add(u));
                    }
                });
            }
        });
        compounds.forEach(m::putIfAbsent);
        return m;
    }

    /** Every stated period in {@code text}, in text order. */
    public static List<Period> find(CharSequence text) {
        return PERIOD_FILTER.mayMatch(LiteralFilter.lower(text)) ? periods(text) : new ArrayList<>();
    }

    /** {@link #find} of a text {@link #PERIOD_FILTER} has passed. */
    static List<Period> periods(CharSequence text) {
        List<Period> out = new ArrayList<>();
        Matcher m = PERIOD.matcher(text);
        for (int from = 0; PERIOD_LEAD.find(m, text, from); from = m.end()) {
            BigDecimal n = number(m.group("n"));
            if (n == null || n.signum() <= 0) {
                continue;
            }
            String unit = unitLetter(m.group("unit"));
            boolean time = unit.equals("H") || unit.equals("MIN");
            String iso = iso(n, unit);
            String value;
            double days = days(n, unit);
            if (m.group("high") != null || m.group("low") != null) {
                BigDecimal low = m.group("low") != null ? number(m.group("low")) : n;
                BigDecimal high = m.group("high") != null ? number(m.group("high")) : n;
                if (low == null || high == null) {
                    continue;
                }
                value = "min " + iso(low, unit) + " max " + iso(high, unit);
                days = days(high, unit);
            } else if (m.group("max") != null) {
                value = "max " + iso;
            } else if (m.group("min") != null) {
                value = "min " + iso;
            } else {
                value = iso;
            }
            if (time && days > 3650) {
                continue;
            }
            out.add(new Period(m.start(), m.end(), value, days));
        }
        return out;
    }

    /** The value of a number written in digits or words, or null when it is not one. */
    static BigDecimal number(String s) {
        if (s == null) {
            return null;
        }
        String t = s.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").trim();
        for (String variant : List.of(t, t.replace('-', ' '), t.replace(' ', '-'))) {
            if (WORDS.containsKey(variant)) {
                return WORDS.get(variant);
            }
        }
        try {
            return new BigDecimal(t.replace(',', '.'));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String unitLetter(String unit) {
        String u = unit.toLowerCase(Locale.ROOT);
        if (u.startsWith("d")) {
            return "D";
        } else if (u.startsWith("w")) {
            return "W";
        } else if (u.startsWith("mo")) {
            return "M";
        } else if (u.startsWith("y")) {
            return "Y";
        } else if (u.startsWith("h")) {
            return "H";
        }
        return "MIN";
    }

    private static String iso(BigDecimal n, String unit) {
        String num = n.stripTrailingZeros().toPlainString();
        return switch (unit) {
            case "H" -> "PT" + num + "H";
            case "MIN" -> "PT" + num + "M";
            default -> "P" + num + unit;
        };
    }

    private static double days(BigDecimal n, String unit) {
        double v = n.doubleValue();
        return switch (unit) {
            case "D" -> v;
            case "W" -> v * 7;
            case "M" -> v * 30.4375;
            case "Y" -> v * 365.25;
            case "H" -> v / 24;
            default -> v / 1440;
        };
    }

    /** Approximate length in days of a normalised value ({@code max P5Y} -> 1826.25), or NaN for a kind. */
    public static double days(String value) {
        Matcher m = Pattern.compile("P(?:T)?([0-9.]+)([DWMYH])(?!.*P)").matcher(value);
        if (!m.find()) {
            return Double.NaN;
        }
        String unit = value.contains("PT") && m.group(2).equals("M") ? "MIN" : m.group(2);
        return days(new BigDecimal(m.group(1)), unit);
    }
}
