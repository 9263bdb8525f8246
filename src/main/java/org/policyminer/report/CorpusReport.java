package org.policyminer.report;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.policyminer.output.AtomicFile;

/**
 * A one-page overview of an annotate run: a self-contained HTML page ({@code index.html}: inline CSS and SVG
 * charts, no script, nothing fetched) and the same tables as CSV files beside it.
 *
 * <pre>{@code
 * CorpusReport.standard().write(Path.of("out"), Path.of("out/report"));
 * }</pre>
 */
public final class CorpusReport {

    private final List<ReportSection> sections;

    private CorpusReport(List<ReportSection> sections) {
        this.sections = List.copyOf(sections);
    }

    /** The report over documents.csv (categories, languages, extracted attributes) and errors.jsonl. */
    public static CorpusReport standard() {
        return new CorpusReport(List.of(new DocumentsSection(), new AttributesSection(), new ErrorsSection()));
    }

    /** This report with one more section at the end (e.g. retention periods once attributes are extracted). */
    public CorpusReport with(ReportSection section) {
        List<ReportSection> all = new ArrayList<>(sections);
        all.add(section);
        return new CorpusReport(all);
    }

    /** Computes every table of the report from an annotate output folder. */
    public List<Table> tables(Path runDir) throws IOException {
        List<Table> tables = new ArrayList<>();
        for (ReportSection s : sections) {
            tables.addAll(s.tables(runDir));
        }
        return tables;
    }

    /**
     * Writes {@code index.html} and one CSV per table into {@code reportDir} (created if needed), each file
     * atomically.
     *
     * @return the tables written
     */
    public List<Table> write(Path runDir, Path reportDir) throws IOException {
        List<Table> tables = tables(runDir);
        Files.createDirectories(reportDir);
        for (Table t : tables) {
            try (AtomicFile f = new AtomicFile(reportDir.resolve(t.name() + ".csv"))) {
                CSVPrinter csv = new CSVPrinter(f.writer(), CSVFormat.RFC4180.builder()
                        .setHeader(t.columns().toArray(String[]::new)).get());
                for (List<Object> row : t.rows()) {
                    csv.printRecord(row);
                }
                csv.flush();
                f.commit();
            }
        }
        try (AtomicFile f = new AtomicFile(reportDir.resolve("index.html"))) {
            page(f.writer(), runDir, tables);
            f.commit();
        }
        return tables;
    }

    private static void page(Writer w, Path runDir, List<Table> tables) throws IOException {
        String name = runDir.toAbsolutePath().normalize().getFileName() == null ? runDir.toString()
                : runDir.toAbsolutePath().normalize().getFileName().toString();
        w.write("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>policyminer report: " + esc(name) + "</title><style>\n" + CSS + "</style></head><body>\n");
        w.write("<header><h1>Privacy policies of <code>" + esc(name) + "</code></h1>"
                + "<p>Made by <code>policyminer report</code> from the annotate output folder. Every chart's table "
                + "is also in a CSV file beside this page.</p><nav>");
        for (Table t : tables) {
            w.write("<a href=\"#" + esc(t.name()) + "\">" + esc(t.title()) + "</a> ");
        }
        w.write("</nav></header>\n<main>\n");
        for (Table t : tables) {
            w.write("<section id=\"" + esc(t.name()) + "\"><h2>" + esc(t.title()) + "</h2>");
            if (!t.note().isEmpty()) {
                w.write("<p class=\"note\">" + esc(t.note()) + " <a href=\"" + esc(t.name()) + ".csv\">"
                        + esc(t.name()) + ".csv</a></p>");
            }
            if (t.rows().isEmpty()) {
                w.write("<p class=\"empty\">Nothing to show.</p>");
            } else {
                switch (t.chart()) {
                    case BARS -> w.write(Svg.bars(t));
                    case HEAT_MAP -> w.write(Svg.heatMap(t, DocumentsSection.MATRIX_ROWS));
                    case TABLE -> {
                    }
                }
                if (t.chart() != Table.Chart.HEAT_MAP) {
                    w.write(htmlTable(t));
                }
            }
            w.write("</section>\n");
        }
        w.write("</main></body></html>\n");
    }

    private static String htmlTable(Table t) {
        StringBuilder sb = new StringBuilder("<details><summary>Table</summary><table><thead><tr>");
        for (String c : t.columns()) {
            sb.append("<th>").append(esc(c)).append("</th>");
        }
        sb.append("</tr></thead><tbody>");
        for (List<Object> row : t.rows()) {
            sb.append("<tr>");
            for (int i = 0; i < row.size(); i++) {
                Object v = row.get(i);
                boolean share = t.columns().get(i).equals("share") && v instanceof Double;
                sb.append(v instanceof Number ? "<td class=\"num\">" : "<td>")
                        .append(esc(share ? DocumentsSection.percent((Double) v) : String.valueOf(v))).append("</td>");
            }
            sb.append("</tr>");
        }
        return sb.append("</tbody></table></details>").toString();
    }

    static String esc(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }

    private static final String CSS = """
            body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2430;margin:0;background:#f6f7f9}
            header{background:#1f3a5f;color:#fff;padding:18px 28px}header h1{margin:0 0 6px;font-size:22px}
            header p{margin:0 0 8px;opacity:.85}header code{background:rgba(255,255,255,.15);padding:1px 5px;border-radius:3px}
            nav a{color:#cfe0ff;margin-right:14px;font-size:13px}
            main{max-width:1100px;margin:0 auto;padding:10px 28px 40px}
            section{background:#fff;border:1px solid #dde2ea;border-radius:6px;margin:18px 0;padding:12px 18px}
            h2{font-size:18px;margin:4px 0 6px}.note{color:#566070;margin:0 0 10px;font-size:13px}
            svg{display:block;max-width:100%;height:auto}svg text{font:12px system-ui,sans-serif;fill:#1d2430}
            table{border-collapse:collapse;font-size:13px;margin-top:6px}th,td{border-bottom:1px solid #e6e9ef;padding:3px 10px;text-align:left}
            td.num{text-align:right;font-variant-numeric:tabular-nums}summary{cursor:pointer;color:#1f5fbf;font-size:13px}
            .empty{color:#566070}
            """;
}
