package org.policyminer.report;

import java.util.List;

/**
 * One table of a corpus report: written as a CSV file and drawn as a chart on the report page.
 *
 * @param name    file stem of the CSV ({@code category-coverage} gives {@code category-coverage.csv})
 * @param title   heading on the page
 * @param note    a sentence under the heading saying how to read it, or empty
 * @param columns column names; the first column labels the rows
 * @param rows    the cells, one list per row, numbers as {@link Number}s
 * @param chart   how the page draws it
 */
public record Table(String name, String title, String note, List<String> columns, List<List<Object>> rows, Chart chart) {

    /** How a table is drawn. */
    public enum Chart {
        /** One horizontal bar per row, for the numeric column {@code valueColumn}. */
        BARS,
        /** Rows by columns, each cell shaded by its value (every column after the first is numeric). */
        HEAT_MAP,
        /** Just the table. */
        TABLE
    }

    public Table {
        columns = List.copyOf(columns);
        rows = rows.stream().map(List::copyOf).toList();
    }
}
