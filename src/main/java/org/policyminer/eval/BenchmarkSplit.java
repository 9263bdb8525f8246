package org.policyminer.eval;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.policyminer.output.AtomicFile;

/**
 * Writes the public OPP-115 benchmark protocol from a corpus: segments that have at least one majority label,
 * duplicate texts removed (first occurrence kept), shuffled and split at random (not by policy) into train and
 * test, as {@code text,label} CSV rows without header, one row per label.
 */
public final class BenchmarkSplit {

    private BenchmarkSplit() {
    }

    /** Splits {@code data}'s segments; returns the number of texts written to train and to test. */
    public static int[] write(Dataset data, double testShare, long seed, Path train, Path test) throws IOException {
        if (testShare <= 0 || testShare >= 1) {
            throw new IllegalArgumentException("test share must be between 0 and 1");
        }
        List<LabeledUnit> units = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (LabeledUnit u : data.segments()) {
            if (!u.labels().isEmpty() && seen.add(u.unit().text())) {
                units.add(u);
            }
        }
        Collections.shuffle(units, new Random(seed));
        int nTest = (int) Math.round(units.size() * testShare);
        write(units.subList(nTest, units.size()), train);
        write(units.subList(0, nTest), test);
        return new int[]{units.size() - nTest, nTest};
    }

    private static void write(List<LabeledUnit> units, Path file) throws IOException {
        try (AtomicFile f = new AtomicFile(file)) {
            Writer w = f.writer();
            CSVPrinter printer = new CSVPrinter(w, CSVFormat.RFC4180.builder().setRecordSeparator("\n").get());
            for (LabeledUnit u : units) {
                // The benchmark's texts are single-line segments; newlines from list markup become spaces.
                String text = u.unit().text().replaceAll("\\s+", " ");
                for (String label : u.labels()) {
                    printer.printRecord(text, label);
                }
            }
            printer.flush();
            f.commit();
        }
    }
}
