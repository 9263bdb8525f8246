package org.policyminer.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.policyminer.search.ClauseSearcher;
import org.policyminer.serve.SearchServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code policyminer serve --index DIR [--host 127.0.0.1] [--port 8080]}. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serves a search page and a JSON API (/api/search, /api/doc/{doc_id}, /api/stats, /health) "
                + "over an index. Searches see updates that another process commits to the index.",
                "Runs until interrupted. Exit status: 1 when the server cannot start."})
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--index", required = true, paramLabel = "DIR", description = "The index folder.")
    Path index;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080", description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "8", description = "Requests handled at once (default: ${DEFAULT-VALUE}).")
    int threads;

    @Override
    public Integer call() throws InterruptedException {
        try {
            ClauseSearcher searcher = ClauseSearcher.open(index);
            if (!SearchServer.isLoopback(host)) {
                System.err.println("warning: listening on " + host + " makes the index readable by anyone who can reach it");
            }
            SearchServer server = SearchServer.start(searcher, new InetSocketAddress(host, port), Math.max(1, threads));
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                try {
                    searcher.close();
                } catch (IOException ignored) {
                    // the process is exiting; nothing is left to save
                }
                stopped.countDown();
            }));
            System.err.println("Serving " + index + " at " + server.uri() + " (Ctrl-C to stop)");
            stopped.await();
            return 0;
        } catch (IOException e) {
            System.err.println("policyminer serve: " + e.getMessage());
            return 1;
        }
    }
}
