package org.policyminer.eval;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.policyminer.classify.Category;
import org.policyminer.classify.Unit;

/**
 * Reads labelled text in the format of the public OPP-115 benchmark splits: two columns {@code text,label}, no
 * header, one row per (text, label); rows with the same text form one multi-label example. A label is an OPP-115
 * label name or a taxonomy id. Junk rows (a spreadsheet's {@code #NAME?}, unknown labels, empty text) are skipped
 * with a warning.
 */
public final class CsvDataset {

    /** The examples and the label space their labels are in. */
    public record Data(List<LabeledUnit> units, LabelSpace space, int skipped) {
    }

    private CsvDataset() {
    }

    /** Reads a file, printing one warning line per kind of skipped row to {@code warnings}. */
    public static Data read(Path file, PrintStream warnings) throws IOException {
        Map<String, Set<String>> byText = new LinkedHashMap<>();
        int opp = 0;
        int tax = 0;
        int skipped = 0;
        List<String> examples = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (CSVRecord rec : CSVFormat.RFC4180.builder().setIgnoreSurroundingSpaces(false).get().parse(r)) {
                String text = rec.size() > 0 ? rec.get(0).strip() : "";
                String label = rec.size() > 1 ? rec.get(1).strip() : "";
                boolean isOpp = LabelSpace.OPP115_LABELS.contains(label);
                boolean isTax = Category.byId(label).isPresent();
                if (rec.size() != 2 || text.isEmpty() || text.startsWith("#NAME?") || (!isOpp && !isTax)) {
                    skipped++;
                    if (examples.size() < 5) {
                        examples.add("line " + rec.getRecordNumber() + ": " + abbreviate(String.join(",", rec.toList())));
                    }
                    continue;
                }
                opp += isOpp ? 1 : 0;
                tax += isTax && !isOpp ? 1 : 0;
                byText.computeIfAbsent(text, k -> new LinkedHashSet<>()).add(label);
            }
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            throw new IOException("cannot parse " + file + " as CSV: " + e.getMessage(), e);
        }
        if (skipped > 0) {
            warnings.println("warning: skipped " + skipped + " junk row(s) of " + file + " (not text,label with a known label), e.g. "
                    + String.join("; ", examples));
        }
        if (opp > 0 && tax > 0) {
            throw new IOException(file + " mixes OPP-115 label names and taxonomy ids; use one label space");
        }
        if (byText.isEmpty()) {
            throw new IOException("no usable text,label rows in " + file);
        }
        List<LabeledUnit> units = new ArrayList<>();
        byText.forEach((text, labels) -> units.add(new LabeledUnit(Unit.of(text), labels, null)));
        return new Data(units, opp > 0 ? LabelSpace.OPP115 : LabelSpace.TAXONOMY, skipped);
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
