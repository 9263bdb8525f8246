package org.policyminer.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.policyminer.doc.AnnotatedDocument;
import org.policyminer.index.ClauseIndexer;
import org.policyminer.index.Policies;
import org.policyminer.search.ClauseSearcher;

class SearchServerTest {

    @TempDir
    static Path dir;
    static ClauseSearcher searcher;
    static SearchServer server;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() throws IOException {
        try (ClauseIndexer indexer = ClauseIndexer.open(dir)) {
            for (AnnotatedDocument d : Policies.sample()) {
                indexer.index(d);
            }
            indexer.commit();
        }
        searcher = ClauseSearcher.open(dir);
        server = SearchServer.start(searcher, new InetSocketAddress("127.0.0.1", 0), 4);
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
        searcher.close();
    }

    static HttpResponse<String> get(String pathAndQuery) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(server.uri().resolve(pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(String pathAndQuery, int status) throws Exception {
        HttpResponse<String> r = get(pathAndQuery);
        assertEquals(status, r.statusCode(), pathAndQuery + " -> " + r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        return JSON.readTree(r.body());
    }

    @Test
    void listensOnLoopback() {
        assertEquals("127.0.0.1", server.uri().getHost());
    }

    @Test
    void health() throws Exception {
        assertEquals("ok", json("/health", 200).get("status").asText());
    }

    @Test
    void searchReturnsTheDocumentedJson() throws Exception {
        JsonNode r = json("/api/search?q=%22parental+consent%22+children&limit=1", 200);
        assertEquals(2, r.get("total").asInt());
        assertEquals(1, r.get("hits").size());
        JsonNode hit = r.get("hits").get(0);
        for (String key : List.of("doc_id", "clause_id", "section", "text", "highlight", "categories", "score")) {
            assertTrue(hit.has(key), "hit lacks " + key + ": " + hit);
        }
        assertEquals("acme.html", hit.get("doc_id").asText());
        assertEquals("Acme Privacy Policy > Children", hit.get("section").asText());
        assertTrue(hit.get("highlight").asText().contains("<mark>parental consent</mark>"));
        assertEquals("children", hit.get("categories").get(0).asText());
        assertEquals(2, r.get("facets").get("category").get("children").asInt());
        assertEquals(1, r.get("facets").get("doc").get("initech.txt").asInt());
    }

    @Test
    void searchFiltersPagesAndGroups() throws Exception {
        assertEquals(1, json("/api/search?q=data+OR+information&category=children&category=rights", 200).get("total").asInt());
        assertEquals(1, json("/api/search?q=data+OR+information&category=children,rights", 200).get("total").asInt());
        assertEquals(2, json("/api/search?q=data+OR+information&doc=acme.html", 200).get("total").asInt());
        JsonNode page = json("/api/search?q=&limit=3&offset=9", 200);
        assertEquals(11, page.get("total").asInt());
        assertEquals(2, page.get("hits").size());
        JsonNode grouped = json("/api/search?q=facebook&group_by=doc", 200);
        assertEquals(2, grouped.get("groups").size());
        assertEquals(1, grouped.get("groups").get(0).get("count").asInt());
        assertTrue(grouped.get("groups").get(0).get("best").get("highlight").asText().contains("<mark>Facebook</mark>"));
    }

    @Test
    void badParametersGet400WithOneLine() throws Exception {
        for (String bad : List.of("/api/search?q=foo+AND", "/api/search?q=*tain", "/api/search?q=a&limit=101",
                "/api/search?q=a&limit=-1", "/api/search?q=a&limit=ten", "/api/search?q=a&offset=20000",
                "/api/search?q=a&category=cookies", "/api/search?q=a&colour=red", "/api/search?q=a&q=b",
                "/api/search?q=a&group_by=section", "/api/search?q=" + "x".repeat(600),
                "/api/search?q=a&doc=" + "d".repeat(1001), "/api/search?q=a%00b", "/api/stats?x=1")) {
            JsonNode error = json(bad, 400).get("error");
            assertTrue(error != null && !error.asText().contains("\n"), bad);
        }
        assertEquals(414, get("/api/search?q=" + "x".repeat(5000)).statusCode());
        String malformed = raw("GET /api/search?q=%zz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        assertTrue(malformed.startsWith("HTTP/1.1 400"), malformed);
    }

    @Test
    void policyEndpointListsClausesInOrder() throws Exception {
        JsonNode p = json("/api/doc/acme.html", 200);
        assertEquals("Acme Privacy Policy", p.get("title").asText());
        assertEquals(5, p.get("clauses").size());
        assertEquals(2, p.get("clauses").get(2).get("clause_id").asInt());
        assertEquals("sharing", p.get("clauses").get(2).get("categories").get(0).asText());
        assertEquals(404, get("/api/doc/nope.html").statusCode());
    }

    @Test
    void statsCountTheIndex() throws Exception {
        JsonNode s = json("/api/stats", 200);
        assertEquals(3, s.get("documents").asInt());
        assertEquals(11, s.get("clauses").asInt());
        assertEquals(3, s.get("categories").get("retention").asInt());
    }

    @Test
    void servesOnlyThePage() throws Exception {
        HttpResponse<String> page = get("/");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<input id=\"q\""));
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'none'"));
        assertTrue(page.body().indexOf("http://") < 0 && page.body().indexOf("https://") < 0, "the page loads nothing from elsewhere");
        for (String path : List.of("/search.html", "/org/policyminer/serve/search.html", "/api/", "/api/doc/", "/favicon.ico")) {
            assertTrue(List.of(400, 404).contains(get(path).statusCode()), path);
        }
    }

    @Test
    void pathTraversalFindsNothing() throws Exception {
        for (String path : List.of("/../../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2fetc%2fpasswd",
                "/api/doc/../../etc/passwd", "/api/doc/..%2F..%2Fpom.xml", "/index.html/../pom.xml")) {
            String response = raw("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
            String status = response.substring(0, response.indexOf("\r\n"));
            assertTrue(status.contains(" 404 ") || status.contains(" 400 "), path + " -> " + status);
            assertTrue(!response.contains("root:") && !response.contains("<project"), path);
        }
    }

    @Test
    void refusesOtherMethodsAndForeignHosts() throws Exception {
        HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(server.uri().resolve("/api/search"))
                .POST(HttpRequest.BodyPublishers.ofString("q=x")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
        String rebound = raw("GET /api/stats HTTP/1.1\r\nHost: attacker.example\r\nConnection: close\r\n\r\n");
        assertTrue(rebound.startsWith("HTTP/1.1 403"), rebound);
        String local = raw("GET /health HTTP/1.1\r\nHost: localhost:" + server.uri().getPort() + "\r\nConnection: close\r\n\r\n");
        assertTrue(local.startsWith("HTTP/1.1 200"), local);
    }

    @Test
    void seesCommitsMadeByAnotherWriter() throws Exception {
        assertEquals(0, json("/api/search?q=zeppelin", 200).get("total").asInt());
        try (ClauseIndexer other = ClauseIndexer.open(dir)) {
            other.index(Policies.policy("zeppelin.html", "Zeppelin")
                    .clause("", "Zeppelin stores flight logs for a year.", "retention").build());
            other.commit();
        }
        long deadline = System.nanoTime() + 30_000_000_000L; // generous: it returns as soon as the refresh is seen
        int total = 0;
        while (total == 0 && System.nanoTime() < deadline) {
            total = json("/api/search?q=zeppelin", 200).get("total").asInt();
            Thread.sleep(20);
        }
        assertEquals(1, total);
        try (ClauseIndexer other = ClauseIndexer.open(dir)) {
            other.delete("zeppelin.html");
            other.commit();
        }
        searcher.refresh();
        assertEquals(0, json("/api/search?q=zeppelin", 200).get("total").asInt());
    }

    /** Sends bytes exactly as given, so that no client library normalises the path first. */
    static String raw(String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.uri().getPort())) {
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
