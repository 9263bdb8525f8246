package org.policyminer.report;

import java.util.List;
import java.util.Locale;

/** Inline SVG charts for the report page, drawn from a {@link Table} without any script. */
final class Svg {

    private static final int BAR_HEIGHT = 20;
    private static final int LABEL_WIDTH = 230;
    private static final int BAR_WIDTH = 560;

    private Svg() {
    }

    /**
     * Horizontal bars for the table's first numeric column; when it has a {@code share} column, bars are scaled to
     * 100% and labelled with the share.
     */
    static String bars(Table t) {
        int valueCol = firstNumeric(t);
        int shareCol = t.columns().indexOf("share");
        double max = 0;
        for (List<Object> row : t.rows()) {
            max = Math.max(max, value(row.get(valueCol)));
        }
        boolean scaledToShare = shareCol >= 0;
        int height = t.rows().size() * BAR_HEIGHT + 10;
        int width = LABEL_WIDTH + BAR_WIDTH + 130;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">", width, height, width, height,
                CorpusReport.esc(t.title())));
        int y = 5;
        for (List<Object> row : t.rows()) {
            double v = value(row.get(valueCol));
            double fraction = scaledToShare ? value(row.get(shareCol)) : (max == 0 ? 0 : v / max);
            int w = (int) Math.round(fraction * BAR_WIDTH);
            String label = String.valueOf(row.get(0));
            String shown = label.length() > 34 ? label.substring(0, 33) + "…" : label;
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s<title>%s</title></text>",
                    LABEL_WIDTH - 8, y + 14, CorpusReport.esc(shown), CorpusReport.esc(label)));
            sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#3d7dd8\" rx=\"2\"/>",
                    LABEL_WIDTH, y + 3, Math.max(w, v > 0 ? 1 : 0), BAR_HEIGHT - 6));
            String text = CorpusReport.num(v) + (scaledToShare ? " (" + DocumentsSection.percent(value(row.get(shareCol))) + ")" : "");
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>", LABEL_WIDTH + w + 6, y + 14,
                    CorpusReport.esc(text)));
            y += BAR_HEIGHT;
        }
        return sb.append("</svg>").toString();
    }

    /** A grid of the first {@code maxRows} rows by the numeric columns, each cell shaded by its value. */
    static String heatMap(Table t, int maxRows) {
        List<List<Object>> rows = t.rows().subList(0, Math.min(maxRows, t.rows().size()));
        int cols = t.columns().size() - 1;
        int cell = 26;
        int rowH = 16;
        int label = 270;
        int top = 120;
        double max = 0;
        for (List<Object> row : rows) {
            for (int c = 1; c <= cols; c++) {
                max = Math.max(max, value(row.get(c)));
            }
        }
        int width = label + cols * cell + 100;
        int height = top + rows.size() * rowH + 10;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">", width, height, width, height,
                CorpusReport.esc(t.title())));
        for (int c = 1; c <= cols; c++) {
            int x = label + (c - 1) * cell + cell / 2;
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" transform=\"rotate(-55 %d %d)\">%s</text>",
                    x, top - 6, x, top - 6, CorpusReport.esc(t.columns().get(c))));
        }
        int y = top;
        for (List<Object> row : rows) {
            String name = String.valueOf(row.get(0));
            String shown = name.length() > 34 ? "…" + name.substring(name.length() - 33) : name;
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" font-size=\"11\">%s<title>%s</title></text>",
                    label - 6, y + 12, CorpusReport.esc(shown), CorpusReport.esc(name)));
            for (int c = 1; c <= cols; c++) {
                double v = value(row.get(c));
                // Square-root shading keeps small counts visible next to the large ones.
                double level = max == 0 ? 0 : Math.sqrt(v / max);
                sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\">"
                                + "<title>%s, %s: %s</title></rect>", label + (c - 1) * cell, y, cell - 1, rowH - 1,
                        shade(level), CorpusReport.esc(name), CorpusReport.esc(t.columns().get(c)), CorpusReport.num(v)));
            }
            y += rowH;
        }
        int lx = label + cols * cell + 10;
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\">0</text>", lx, top + 10));
        for (int i = 0; i <= 4; i++) {
            sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"14\" fill=\"%s\"/>",
                    lx, top + 14 + i * 14, shade(Math.sqrt(i / 4.0))));
        }
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\">%s clauses</text>", lx,
                top + 14 + 5 * 14 + 12, CorpusReport.num(max)));
        return sb.append("</svg>").toString();
    }

    /** White to dark blue. */
    static String shade(double level) {
        int r = (int) Math.round(247 - level * (247 - 23));
        int g = (int) Math.round(250 - level * (250 - 71));
        int b = (int) Math.round(255 - level * (255 - 140));
        return String.format(Locale.ROOT, "#%02x%02x%02x", r, g, b);
    }

    private static int firstNumeric(Table t) {
        List<Object> first = t.rows().get(0);
        for (int i = 1; i < first.size(); i++) {
            if (first.get(i) instanceof Number) {
                return i;
            }
        }
        throw new IllegalArgumentException("table " + t.name() + " has no numeric column to draw");
    }

    private static double value(Object o) {
        return o instanceof Number n ? n.doubleValue() : 0;
    }
}
