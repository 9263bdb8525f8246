package org.policyminer.search;

import java.util.List;
import java.util.Objects;

/**
 * One search: a query in Lucene syntax (blank matches every clause) narrowed by filters, and the page of
 * results wanted.
 *
 * @param query      Lucene query syntax; blank for every clause
 * @param categories taxonomy ids a clause must all carry (an empty list filters nothing)
 * @param docId      only clauses of this policy, or {@code null}
 * @param limit      hits (or, grouped, policies) per page
 * @param offset     hits (or policies) to skip
 * @param groupByDoc list policies with their number of matching clauses instead of clauses
 */
public record SearchRequest(String query, List<String> categories, String docId, int limit, int offset,
                            boolean groupByDoc) {

    /** Default page size. */
    public static final int DEFAULT_LIMIT = 10;

    public SearchRequest {
        query = Objects.requireNonNullElse(query, "");
        categories = List.copyOf(categories);
    }

    /** A first page of {@link #DEFAULT_LIMIT} hits for the query, without filters. */
    public static SearchRequest of(String query) {
        return new SearchRequest(query, List.of(), null, DEFAULT_LIMIT, 0, false);
    }

    /** The same search restricted to clauses carrying all of these categories too. */
    public SearchRequest withCategories(String... ids) {
        return new SearchRequest(query, List.of(ids), docId, limit, offset, groupByDoc);
    }

    /** The same search within one policy. */
    public SearchRequest withDoc(String id) {
        return new SearchRequest(query, categories, id, limit, offset, groupByDoc);
    }

    /** The same search, another page. */
    public SearchRequest page(int newLimit, int newOffset) {
        return new SearchRequest(query, categories, docId, newLimit, newOffset, groupByDoc);
    }

    /** The same search grouped by policy (or not). */
    public SearchRequest groupedByDoc(boolean grouped) {
        return new SearchRequest(query, categories, docId, limit, offset, grouped);
    }
}
