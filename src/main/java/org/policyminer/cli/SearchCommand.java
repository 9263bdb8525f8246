package org.policyminer.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import org.policyminer.search.ClauseSearcher;
import org.policyminer.search.InvalidQueryException;
import org.policyminer.search.SearchJson;
import org.policyminer.search.SearchRequest;
import org.policyminer.search.SearchResults;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code policyminer search QUERY --index DIR}. */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = {"Searches indexed clauses with Lucene query syntax: words (stemmed), \"quoted phrases\" (exact "
                + "words), AND OR NOT, ( ), section:WORD, category:ID, doc:ID. An empty QUERY matches every clause.",
                "Exit status: 0 done, 2 usage error or malformed query, 1 failure."})
final class SearchCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "QUERY", description = "The query; quote it for the shell.")
    String query;

    @Option(names = "--index", required = true, paramLabel = "DIR", description = "The index folder.")
    Path index;

    @Option(names = "--category", paramLabel = "ID", description = "Only clauses with this category (repeatable: all of them).")
    List<String> categories = List.of();

    @Option(names = "--doc", paramLabel = "DOC_ID", description = "Only clauses of this policy.")
    String doc;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "10", description = "Hits (or policies) to show (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--offset", paramLabel = "N", defaultValue = "0", description = "Hits (or policies) to skip.")
    int offset;

    @Option(names = "--group-by", paramLabel = "doc", description = "'doc': list policies with their matching clause counts.")
    String groupBy;

    @Option(names = "--json", description = "Print only JSON.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (groupBy != null && !groupBy.equals("doc")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--group-by can only be 'doc'");
        }
        SearchRequest request = new SearchRequest(query, categories, doc, limit, offset, groupBy != null);
        try (ClauseSearcher searcher = ClauseSearcher.open(index)) {
            SearchResults results = searcher.search(request);
            PrintStream out = System.out;
            if (json) {
                out.println(SearchJson.write(SearchJson.results(results, request)));
            } else {
                print(results, request, out);
            }
            return 0;
        } catch (InvalidQueryException e) {
            System.err.println("policyminer search: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            System.err.println("policyminer search: " + e.getMessage());
            return 1;
        }
    }

    private void print(SearchResults r, SearchRequest request, PrintStream out) {
        boolean color = System.console() != null && System.getenv("NO_COLOR") == null;
        String open = color ? "\u001b[1;33m" : "**";
        String close = color ? "\u001b[0m" : "**";
        out.printf(Locale.ROOT, "%d matching clauses in %d policies%n", r.total(), r.policies());
        if (request.groupByDoc()) {
            int rank = request.offset();
            for (SearchResults.Group g : r.groups()) {
                out.printf(Locale.ROOT, "%n%3d. %s  (%d clauses)%s%n", ++rank, g.docId(), g.count(),
                        g.title() == null ? "" : "  " + g.title());
                if (g.best() != null) {
                    out.println("     best: " + g.best().highlight(open, close));
                }
            }
        } else {
            for (SearchResults.Hit h : r.hits()) {
                out.printf(Locale.ROOT, "%n%s #%d  score %.2f%n", h.docId(), h.clauseId(), h.score());
                if (!h.sectionPath().isEmpty()) {
                    out.println("  section: " + h.section());
                }
                out.println("  " + h.highlight(open, close));
                if (!h.categories().isEmpty()) {
                    out.println("  categories: " + h.categories().entrySet().stream()
                            .map(e -> String.format(Locale.ROOT, "%s (%.2f)", e.getKey(), e.getValue()))
                            .collect(Collectors.joining(", ")));
                }
            }
        }
        if (r.total() > 0) {
            out.println();
            out.println("by category: " + join(r.categories()));
            out.println("by policy:   " + join(r.docs()));
        }
    }

    private static String join(Map<String, Integer> counts) {
        return counts.entrySet().stream().limit(20).map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", ")) + (counts.size() > 20 ? ", ..." : "");
    }
}
