package org.policyminer.search;

import java.util.Map;

/**
 * Size of an index as its searchers currently see it.
 *
 * @param documents  indexed policies
 * @param clauses    indexed clauses
 * @param categories clauses per taxonomy id (every id, zeros included, in taxonomy order)
 */
public record IndexStats(int documents, long clauses, Map<String, Integer> categories) {
}
