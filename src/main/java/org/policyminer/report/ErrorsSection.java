package org.policyminer.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The report table drawn from {@code errors.jsonl}: skipped inputs by reason. Reasons that differ only in their
 * numbers ("too large: 123 bytes") are counted together.
 */
public final class ErrorsSection implements ReportSection {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NUMBER = Pattern.compile("\\d+(\\.\\d+)?");
    private static final int MAX_REASON = 90;

    @Override
    public List<Table> tables(Path runDir) throws IOException {
        Path file = runDir.resolve("errors.jsonl");
        Map<String, Integer> reasons = new TreeMap<>();
        if (Files.exists(file)) {
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode e = JSON.readTree(line);
                    reasons.merge(kind(e.path("reason").asText("")), 1, Integer::sum);
                }
            }
        }
        List<List<Object>> rows = new ArrayList<>();
        reasons.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> rows.add(List.of(e.getKey(), e.getValue())));
        return List.of(new Table("errors", "Skipped inputs", rows.isEmpty() ? "No input was skipped."
                : "Inputs recorded in errors.jsonl, by reason (numbers replaced by N).",
                List.of("reason", "documents"), rows, Table.Chart.BARS));
    }

    static String kind(String reason) {
        String r = NUMBER.matcher(reason).replaceAll("N");
        return r.length() > MAX_REASON ? r.substring(0, MAX_REASON - 1) + "…" : r;
    }
}
