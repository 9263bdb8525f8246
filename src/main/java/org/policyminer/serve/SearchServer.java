package org.policyminer.serve;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.policyminer.search.ClauseSearcher;
import org.policyminer.search.InvalidQueryException;
import org.policyminer.search.PolicyView;
import org.policyminer.search.SearchJson;
import org.policyminer.search.SearchRequest;
import org.policyminer.search.SearchResults;

/**
 * Serves a clause index over HTTP with the JDK's built-in server: a JSON API and one self-contained search page.
 *
 * <ul>
 *   <li>{@code GET /api/search?q=&category=&doc=&limit=&offset=&group_by=doc}: the JSON of {@code search --json}</li>
 *   <li>{@code GET /api/doc/{doc_id}}: a policy's clauses in order, with categories</li>
 *   <li>{@code GET /api/stats}: documents, clauses and clauses per category</li>
 *   <li>{@code GET /health}: {@code {"status": "ok"}}</li>
 *   <li>{@code GET /}: the search page (the only file served: there is no path to traverse)</li>
 * </ul>
 *
 * Every parameter is checked (unknown names, lengths, numbers, the limit, categories, wildcard-heavy queries) and
 * answered with 400 and a one-line {@code {"error": ...}}. When bound to a loopback address, requests whose
 * {@code Host} is not a loopback name are refused, so that a web page elsewhere cannot reach the API through DNS
 * rebinding.
 */
public final class SearchServer implements AutoCloseable {

    /** Largest {@code limit} the API accepts. */
    public static final int MAX_LIMIT = 100;
    /** Longest query string accepted, in bytes. */
    public static final int MAX_QUERY_STRING = 4096;

    private static final Set<String> SEARCH_PARAMS = Set.of("q", "category", "doc", "limit", "offset", "group_by");
    private static final String PAGE_RESOURCE = "/org/policyminer/serve/search.html";
    private static final String PAGE_CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
            + "connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final ClauseSearcher searcher;
    private final HttpServer server;
    private final ExecutorService executor;
    private final byte[] page;
    private final boolean loopbackOnly;

    private SearchServer(ClauseSearcher searcher, InetSocketAddress address, int threads) throws IOException {
        this.searcher = searcher;
        this.page = loadPage();
        this.loopbackOnly = address.getAddress() != null && address.getAddress().isLoopbackAddress();
        this.server = HttpServer.create(address, 64);
        this.executor = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "policyminer-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    /**
     * Starts serving {@code searcher} on {@code address} (port 0 picks a free port).
     *
     * @param threads requests handled at once; further requests wait
     */
    public static SearchServer start(ClauseSearcher searcher, InetSocketAddress address, int threads) throws IOException {
        SearchServer s = new SearchServer(searcher, address, threads);
        s.server.start();
        return s;
    }

    /** The address the server listens on, as a base URL ending with {@code /}. */
    public URI uri() {
        InetSocketAddress a = server.getAddress();
        String host = a.getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + a.getPort() + "/");
    }

    /** Stops accepting requests and waits briefly for those in flight. */
    @Override
    public void close() {
        server.stop(1);
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] loadPage() throws IOException {
        try (InputStream in = SearchServer.class.getResourceAsStream(PAGE_RESOURCE)) {
            if (in == null) {
                throw new IOException("the search page " + PAGE_RESOURCE + " is missing from the build");
            }
            return in.readAllBytes();
        }
    }

    /** A request that gets a 4xx answer with this message. */
    private static final class BadRequest extends Exception {
        final int status;

        BadRequest(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            try {
                route(ex);
            } catch (BadRequest e) {
                json(ex, e.status, Map.of("error", e.getMessage()));
            } catch (InvalidQueryException e) {
                json(ex, 400, Map.of("error", e.getMessage()));
            } catch (IOException | RuntimeException e) {
                System.err.println("policyminer serve: " + ex.getRequestMethod() + " " + ex.getRequestURI().getRawPath()
                        + " failed: " + e);
                json(ex, 500, Map.of("error", "internal error; see the server log"));
            }
        }
    }

    private void route(HttpExchange ex) throws IOException, BadRequest, InvalidQueryException {
        String method = ex.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            ex.getResponseHeaders().set("Allow", "GET, HEAD");
            throw new BadRequest(405, "method " + method + " not allowed; use GET");
        }
        checkHost(ex);
        String path = ex.getRequestURI().getRawPath();
        String rawQuery = ex.getRequestURI().getRawQuery();
        if (rawQuery != null && rawQuery.length() > MAX_QUERY_STRING) {
            throw new BadRequest(414, "query string longer than " + MAX_QUERY_STRING + " bytes");
        }
        Map<String, List<String>> params = parseQuery(rawQuery);
        switch (path) {
            case "/", "/index.html" -> {
                noParams(params);
                send(ex, 200, "text/html; charset=utf-8", page, Map.of("Content-Security-Policy", PAGE_CSP));
            }
            case "/health" -> {
                noParams(params);
                json(ex, 200, Map.of("status", "ok"));
            }
            case "/api/stats" -> {
                noParams(params);
                json(ex, 200, SearchJson.stats(searcher.stats()));
            }
            case "/api/search" -> {
                SearchRequest request = searchRequest(params);
                SearchResults results = searcher.search(request);
                json(ex, 200, SearchJson.results(results, request));
            }
            default -> {
                if (path.startsWith("/api/doc/")) {
                    noParams(params);
                    String docId = decodePath(path.substring("/api/doc/".length()));
                    if (docId.isEmpty() || docId.length() > ClauseSearcher.MAX_DOC_ID || hasControl(docId)) {
                        throw new BadRequest(400, "doc id must be 1 to " + ClauseSearcher.MAX_DOC_ID + " printable characters");
                    }
                    Optional<PolicyView> policy = searcher.policy(docId);
                    if (policy.isEmpty()) {
                        throw new BadRequest(404, "no policy '" + docId + "' in the index");
                    }
                    json(ex, 200, SearchJson.policy(policy.get()));
                } else {
                    throw new BadRequest(404, "not found: the page is at / and the API under /api/");
                }
            }
        }
    }

    private void checkHost(HttpExchange ex) throws BadRequest {
        if (!loopbackOnly) {
            return;
        }
        String host = ex.getRequestHeaders().getFirst("Host");
        if (host == null) {
            return; // HTTP/1.0 clients on this machine
        }
        String name = host.toLowerCase(Locale.ROOT);
        if (name.startsWith("[")) {
            name = name.substring(0, name.indexOf(']') + 1);
        } else if (name.lastIndexOf(':') >= 0) {
            name = name.substring(0, name.lastIndexOf(':'));
        }
        if (name.equals("localhost") || name.equals("[::1]") || name.startsWith("127.")) {
            return;
        }
        throw new BadRequest(403, "this server answers only requests addressed to localhost");
    }

    private static SearchRequest searchRequest(Map<String, List<String>> params) throws BadRequest {
        for (String name : params.keySet()) {
            if (!SEARCH_PARAMS.contains(name)) {
                throw new BadRequest(400, "unknown parameter '" + name + "'; use q, category, doc, limit, offset, group_by");
            }
        }
        String q = single(params, "q", "");
        String doc = single(params, "doc", null);
        int limit = integer(params, "limit", SearchRequest.DEFAULT_LIMIT, 0, MAX_LIMIT);
        int offset = integer(params, "offset", 0, 0, ClauseSearcher.MAX_WINDOW);
        String groupBy = single(params, "group_by", "");
        if (!groupBy.isEmpty() && !groupBy.equals("doc")) {
            throw new BadRequest(400, "group_by can only be 'doc'");
        }
        List<String> categories = new ArrayList<>();
        for (String value : params.getOrDefault("category", List.of())) {
            for (String id : value.split(",")) {
                if (!id.isBlank()) {
                    categories.add(id.trim());
                }
            }
        }
        if (categories.size() > 20) {
            throw new BadRequest(400, "too many categories");
        }
        if (doc != null && doc.isEmpty()) {
            doc = null;
        }
        if ((doc != null && hasControl(doc)) || hasControl(q.replace('\n', ' ').replace('\t', ' ').replace('\r', ' '))) {
            throw new BadRequest(400, "parameters must not contain control characters");
        }
        return new SearchRequest(q, categories, doc, limit, offset, groupBy.equals("doc"));
    }

    private static String single(Map<String, List<String>> params, String name, String fallback) throws BadRequest {
        List<String> values = params.get(name);
        if (values == null) {
            return fallback;
        }
        if (values.size() > 1) {
            throw new BadRequest(400, "parameter '" + name + "' given more than once");
        }
        return values.get(0);
    }

    private static int integer(Map<String, List<String>> params, String name, int fallback, int min, int max) throws BadRequest {
        String value = single(params, name, null);
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value);
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new BadRequest(400, name + " must be a whole number from " + min + " to " + max);
        }
    }

    private static void noParams(Map<String, List<String>> params) throws BadRequest {
        if (!params.isEmpty()) {
            throw new BadRequest(400, "this address takes no parameters");
        }
    }

    private static Map<String, List<String>> parseQuery(String raw) throws BadRequest {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = formDecode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : formDecode(pair.substring(eq + 1));
            params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return params;
    }

    private static String formDecode(String s) throws BadRequest {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadRequest(400, "malformed percent-encoding in the query string");
        }
    }

    /** Percent-decodes a path segment; unlike form decoding, '+' stays '+'. */
    private static String decodePath(String raw) throws BadRequest {
        return formDecode(raw.replace("+", "%2B"));
    }

    private static boolean hasControl(String s) {
        return s.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
    }

    private static void json(HttpExchange ex, int status, Object body) throws IOException {
        send(ex, status, "application/json; charset=utf-8",
                SearchJson.write(body).getBytes(StandardCharsets.UTF_8), Map.of());
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body, Map<String, String> extra) throws IOException {
        var h = ex.getResponseHeaders();
        h.set("Content-Type", type);
        h.set("Cache-Control", "no-store");
        h.set("X-Content-Type-Options", "nosniff");
        h.set("Referrer-Policy", "no-referrer");
        h.set("X-Frame-Options", "DENY");
        extra.forEach(h::set);
        if (ex.getRequestMethod().equals("HEAD")) {
            ex.sendResponseHeaders(status, -1);
            return;
        }
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    /** Whether {@code host} names a loopback interface (the only safe default for an unauthenticated API). */
    public static boolean isLoopback(String host) throws IOException {
        return InetAddress.getByName(host).isLoopbackAddress();
    }
}
