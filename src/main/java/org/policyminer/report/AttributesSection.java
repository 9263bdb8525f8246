package org.policyminer.report;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The report tables of the extracted attributes, from the per-policy columns of {@code documents.csv}: the
 * distribution of the longest stated retention period, and the named third parties most policies mention.
 * Empty for a run made before attribute extraction existed (no such columns).
 */
public final class AttributesSection implements ReportSection {

    /** Third parties shown (and written): the most frequent ones. */
    static final int TOP_THIRD_PARTIES = 30;

    @Override
    public List<Table> tables(Path runDir) throws IOException {
        Path file = runDir.resolve("documents.csv");
        Map<String, Integer> retention = new HashMap<>();
        Map<String, Integer> thirdParties = new HashMap<>();
        long policies = 0;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser csv = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            if (!csv.getHeaderMap().containsKey("retention_longest") || !csv.getHeaderMap().containsKey("third_parties")) {
                return List.of();
            }
            for (CSVRecord r : csv) {
                if (!r.get("status").equals("annotated")) {
                    continue;
                }
                policies++;
                String longest = r.get("retention_longest");
                retention.merge(longest.isEmpty() ? "(none stated)" : longest, 1, Integer::sum);
                for (String party : r.get("third_parties").split(";")) {
                    if (!party.isBlank()) {
                        thirdParties.merge(party.strip(), 1, Integer::sum);
                    }
                }
            }
        }
        return List.of(
                new Table("retention-periods", "Longest stated retention period",
                        "Per annotated policy, the longest retention period its clauses state (ISO-8601 durations, or a "
                                + "kind such as as-long-as-necessary), over " + policies + " policies.",
                        List.of("retention_longest", "policies"), ranked(retention, Integer.MAX_VALUE), Table.Chart.BARS),
                new Table("third-parties", "Named third parties",
                        "Organisations named as recipients or collectors, by the number of policies naming them (top "
                                + TOP_THIRD_PARTIES + ").",
                        List.of("third_party", "policies"), ranked(thirdParties, TOP_THIRD_PARTIES), Table.Chart.BARS));
    }

    private static List<List<Object>> ranked(Map<String, Integer> counts, int limit) {
        List<List<Object>> rows = new ArrayList<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(limit).forEach(e -> rows.add(List.of(e.getKey(), e.getValue())));
        return rows;
    }
}
