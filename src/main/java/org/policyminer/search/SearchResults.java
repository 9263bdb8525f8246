package org.policyminer.search;

import java.util.List;
import java.util.Map;

/**
 * The answer to a {@link SearchRequest}.
 *
 * @param total      number of matching clauses
 * @param hits       the requested page of clauses, best first (empty when grouped by policy)
 * @param categories matching clauses per taxonomy id, over all matches, largest first
 * @param docs       matching clauses per policy, over all matches, largest first (at most
 *                   {@link ClauseSearcher#DOC_FACET_LIMIT} policies)
 * @param policies   number of policies with at least one matching clause
 * @param groups     the requested page of policies when grouped by policy, else empty
 */
public record SearchResults(long total, List<Hit> hits, Map<String, Integer> categories, Map<String, Integer> docs,
                            int policies, List<Group> groups) {

    /**
     * A matching clause.
     *
     * @param docId       the policy
     * @param clauseId    position of the clause in the policy
     * @param title       the policy's title, or {@code null}
     * @param source      where the policy came from
     * @param sectionPath enclosing section titles, outermost first
     * @param text        the clause text
     * @param matches     character ranges of {@code text} that matched, as {@code [start, end]} pairs in order
     * @param categories  assigned taxonomy ids with their scores, in classifier order
     * @param score       relevance score
     * @param attributes  what the clause states, as extracted
     */
    public record Hit(String docId, int clauseId, String title, String source, List<String> sectionPath, String text,
                      List<int[]> matches, Map<String, Double> categories, float score,
                      List<org.policyminer.doc.Attribute> attributes) {

        /** The section path joined with {@code " > "}. */
        public String section() {
            return String.join(" > ", sectionPath);
        }

        /** The text as HTML, special characters escaped and matches wrapped in {@code <mark>}. */
        public String highlightHtml() {
            StringBuilder sb = new StringBuilder(text.length() + 32);
            int at = 0;
            for (int[] m : matches) {
                escape(text, at, m[0], sb);
                sb.append("<mark>");
                escape(text, m[0], m[1], sb);
                sb.append("</mark>");
                at = m[1];
            }
            escape(text, at, text.length(), sb);
            return sb.toString();
        }

        /** The text with matches wrapped in the given markers, e.g. terminal escape codes. */
        public String highlight(String open, String close) {
            StringBuilder sb = new StringBuilder(text.length() + 32);
            int at = 0;
            for (int[] m : matches) {
                sb.append(text, at, m[0]).append(open).append(text, m[0], m[1]).append(close);
                at = m[1];
            }
            return sb.append(text, at, text.length()).toString();
        }

        private static void escape(String s, int from, int to, StringBuilder sb) {
            for (int i = from; i < to; i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '&' -> sb.append("&amp;");
                    case '<' -> sb.append("&lt;");
                    case '>' -> sb.append("&gt;");
                    case '"' -> sb.append("&quot;");
                    case '\'' -> sb.append("&#39;");
                    default -> sb.append(c);
                }
            }
        }
    }

    /**
     * A policy with matching clauses.
     *
     * @param docId the policy
     * @param title its title, or {@code null}
     * @param count its number of matching clauses
     * @param best  its best matching clause
     */
    public record Group(String docId, String title, int count, Hit best) {
    }
}
