package org.policyminer.extract;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import org.policyminer.doc.Attribute;
import org.policyminer.doc.Clause;

/**
 * What a whole policy states, gathered from its clauses' attributes: the columns a researcher tabulates across a
 * corpus. Sets are sorted; absent values are null.
 *
 * @param dataTypes         data types the policy says it collects, uses or shares (named in a clause that states a
 *                          practice, not negated)
 * @param thirdParties      organisations named as third parties
 * @param recipients        kinds of recipient named (service providers, advertisers, ...)
 * @param purposes          purposes named
 * @param rights            rights named (without their citations)
 * @param retentionShortest the shortest stated retention period, e.g. {@code P30D}
 * @param retentionLongest  the longest stated retention period, or {@code indefinitely} when the policy says so
 * @param minimumAge        the lowest age threshold stated, or null
 */
public record DocumentSummary(Set<String> dataTypes, Set<String> thirdParties, Set<String> recipients,
                              Set<String> purposes, Set<String> rights, String retentionShortest,
                              String retentionLongest, Integer minimumAge) {

    /** Summarises the attributes of one document's clauses. */
    public static DocumentSummary of(List<Clause> clauses) {
        Extractor x = Extractor.bundled();
        Set<String> dataTypes = new TreeSet<>();
        Set<String> named = new TreeSet<>();
        Set<String> kinds = new TreeSet<>();
        Set<String> purposes = new TreeSet<>();
        Set<String> rights = new TreeSet<>();
        String shortest = null;
        String longest = null;
        double shortestDays = Double.POSITIVE_INFINITY;
        double longestDays = Double.NEGATIVE_INFINITY;
        boolean indefinitely = false;
        Integer minAge = null;
        for (Clause c : clauses) {
            for (Attribute a : c.attributes()) {
                switch (AttributeType.byId(a.type()).orElseThrow()) {
                    case DATA_TYPE -> {
                        if (c.polarity() == Clause.Polarity.DOES) {
                            dataTypes.add(a.value());
                        }
                    }
                    case THIRD_PARTY -> (x.isNamedThirdParty(a.value()) ? named : kinds).add(a.value());
                    case PURPOSE -> purposes.add(a.value());
                    case RIGHT -> rights.add(a.value().replaceAll(" \\(.*\\)$", ""));
                    case RETENTION -> {
                        if (a.value().equals("indefinitely")) {
                            indefinitely = true;
                        }
                        double days = Durations.days(a.value());
                        if (!Double.isNaN(days)) {
                            if (days < shortestDays) {
                                shortestDays = days;
                                shortest = a.value();
                            }
                            if (days > longestDays) {
                                longestDays = days;
                                longest = a.value();
                            }
                        }
                    }
                    case AGE -> {
                        String n = a.value().split(" ")[0];
                        if (n.matches("\\d+")) {
                            int age = Integer.parseInt(n);
                            minAge = minAge == null ? age : Math.min(minAge, age);
                        }
                    }
                    default -> {
                    }
                }
            }
        }
        return new DocumentSummary(dataTypes, named, kinds, purposes, rights, shortest,
                indefinitely ? "indefinitely" : longest, minAge);
    }

    /** A set as one CSV cell: values joined by {@code ;}. */
    public static String join(Set<String> values) {
        return String.join(";", values);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "DocumentSummary[dataTypes=%s, thirdParties=%s, retention=%s..%s, minimumAge=%s]",
                dataTypes, thirdParties, retentionShortest, retentionLongest, minimumAge);
    }
}
