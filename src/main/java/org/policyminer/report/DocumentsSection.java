package org.policyminer.report;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.policyminer.classify.Category;

/**
 * The report tables drawn from {@code documents.csv}: outcomes, the share of policies covering each category,
 * clauses per category, the policies × categories matrix and languages. Reads the file as a stream, so its
 * memory does not grow with the corpus (the matrix shows the first {@link #MATRIX_ROWS} policies).
 */
public final class DocumentsSection implements ReportSection {

    /** Policies shown in the heat map; the CSV of the matrix has them all. */
    static final int MATRIX_ROWS = 60;

    @Override
    public List<Table> tables(Path runDir) throws IOException {
        Path file = runDir.resolve("documents.csv");
        if (!Files.exists(file)) {
            throw new IOException(runDir + " has no documents.csv: is it the --out folder of an annotate run?");
        }
        Map<String, Integer> statuses = new TreeMap<>();
        Map<String, Integer> languages = new TreeMap<>();
        Map<String, long[]> perCategory = new LinkedHashMap<>(); // policies covering, clauses
        for (Category c : Category.values()) {
            perCategory.put(c.id(), new long[2]);
        }
        List<List<Object>> matrix = new ArrayList<>();
        long annotated = 0;
        long clauses = 0;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser csv = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            for (CSVRecord r : csv) {
                String status = r.get("status");
                statuses.merge(status, 1, Integer::sum);
                if (status.equals("duplicate")) {
                    continue;
                }
                languages.merge(r.get("language"), 1, Integer::sum);
                if (!status.equals("annotated")) {
                    continue;
                }
                annotated++;
                clauses += Long.parseLong(r.get("clauses"));
                List<Object> row = new ArrayList<>();
                row.add(r.get("doc_id"));
                for (Map.Entry<String, long[]> e : perCategory.entrySet()) {
                    long n = r.isMapped(e.getKey()) ? Long.parseLong(r.get(e.getKey())) : 0;
                    e.getValue()[0] += n > 0 ? 1 : 0;
                    e.getValue()[1] += n;
                    row.add(n);
                }
                matrix.add(row);
            }
        }
        List<Table> tables = new ArrayList<>();
        List<List<Object>> outcome = new ArrayList<>();
        statuses.forEach((s, n) -> outcome.add(List.of(s, n)));
        long errors = errorLines(runDir.resolve("errors.jsonl"));
        if (errors > 0) {
            outcome.add(List.of("skipped (error)", errors));
        }
        tables.add(new Table("outcomes", "Documents by outcome", "Every input document and what became of it "
                + "(the reasons for skipped ones are in the last table).", List.of("status", "documents"), outcome, Table.Chart.BARS));

        List<List<Object>> coverage = new ArrayList<>();
        List<List<Object>> clauseCounts = new ArrayList<>();
        for (Map.Entry<String, long[]> e : perCategory.entrySet()) {
            coverage.add(List.of(e.getKey(), e.getValue()[0], share(e.getValue()[0], annotated)));
            clauseCounts.add(List.of(e.getKey(), e.getValue()[1], share(e.getValue()[1], clauses)));
        }
        tables.add(new Table("category-coverage", "Share of policies covering each category",
                "Of the " + annotated + " annotated English policies, how many have at least one clause in the category.",
                List.of("category", "policies", "share"), coverage, Table.Chart.BARS));
        tables.add(new Table("clauses-per-category", "Clauses per category",
                "Clauses assigned each category, over all " + clauses + " clauses (a clause may have several).",
                List.of("category", "clauses", "share"), clauseCounts, Table.Chart.BARS));
        List<String> matrixColumns = new ArrayList<>();
        matrixColumns.add("doc_id");
        matrixColumns.addAll(perCategory.keySet());
        tables.add(new Table("policy-category-matrix", "Policies × categories",
                "Clauses per category in each policy" + (matrix.size() > MATRIX_ROWS
                        ? "; the page shows the first " + MATRIX_ROWS + " of " + matrix.size()
                        + " policies, the CSV has them all." : "."),
                matrixColumns, matrix, Table.Chart.HEAT_MAP));
        List<List<Object>> langs = new ArrayList<>();
        languages.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> langs.add(List.of(e.getKey(), e.getValue())));
        tables.add(new Table("languages", "Languages", "Detected language of each distinct document (ISO 639-3).",
                List.of("language", "documents"), langs, Table.Chart.BARS));
        return tables;
    }

    private static long errorLines(Path file) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.filter(l -> !l.isBlank()).count();
        }
    }

    private static double share(long part, long whole) {
        return whole == 0 ? 0.0 : Math.round(1e4 * part / (double) whole) / 1e4;
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }
}
