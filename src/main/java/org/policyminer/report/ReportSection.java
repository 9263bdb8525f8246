package org.policyminer.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A part of the corpus report computed from an annotate output folder. The built-in sections read
 * {@code documents.csv} and {@code errors.jsonl}; a later stage (attribute extraction: retention periods, third
 * parties) adds its own section reading its own output file, without touching the page or CSV code.
 */
@FunctionalInterface
public interface ReportSection {

    /**
     * The tables of this section, in page order; empty when the folder holds nothing for it (e.g. the output
     * file of a stage that did not run).
     */
    List<Table> tables(Path runDir) throws IOException;
}
