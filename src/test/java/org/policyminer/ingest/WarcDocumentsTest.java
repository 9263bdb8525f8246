package org.policyminer.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netpreserve.jwarc.HttpRequest;
import org.netpreserve.jwarc.HttpResponse;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.WarcCompression;
import org.netpreserve.jwarc.WarcRequest;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcWriter;
import org.policyminer.PolicyMinerException;

class WarcDocumentsTest {

    @TempDir
    Path tmp;

    static final Instant FETCHED = Instant.parse("2024-03-05T10:15:30Z");
    static final String RUSSIAN = "<html><head><title>Политика</title></head><body><p>Мы храним ваши данные.</p></body></html>";

    /** Writes a crawl with a page worth keeping between records of every kind that must be passed over. */
    static void writeCrawl(Path file, WarcCompression compression) throws IOException {
        try (WarcWriter w = new WarcWriter(java.nio.channels.FileChannel.open(file,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE), compression)) {
            w.write(new WarcRequest.Builder("https://shop.example/privacy").date(FETCHED)
                    .body(new HttpRequest.Builder("GET", "/privacy").build()).build());
            w.write(response("https://shop.example/privacy", 200, "text/html; charset=windows-1251",
                    RUSSIAN.getBytes(Charset.forName("windows-1251"))));
            w.write(response("https://shop.example/missing", 404, "text/html", "<html>gone</html>".getBytes(StandardCharsets.UTF_8)));
            w.write(response("https://shop.example/logo.png", 200, "image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G'}));
            w.write(response("https://shop.example/big", 200, "text/html", "<p>x</p>".repeat(200).getBytes(StandardCharsets.UTF_8)));
            w.write(response("https://shop.example/privacy", 200, "text/html", "<html><p>again</p></html>".getBytes(StandardCharsets.UTF_8)));
        }
    }

    static WarcResponse response(String url, int status, String type, byte[] body) throws IOException {
        HttpResponse http = new HttpResponse.Builder(status, status == 200 ? "OK" : "Not Found")
                .body(MediaType.parse(type), body).build();
        return new WarcResponse.Builder(url).date(FETCHED).body(http).build();
    }

    @Test
    void htmlPagesFetchedWithStatus200BecomeDocumentsInArchiveOrder() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("mixed"));
        writeCrawl(dir.resolve("crawl.warc.gz"), WarcCompression.GZIP);
        Files.writeString(dir.resolve("local.html"), "<html><p>A local page.</p></html>");
        List<Inputs.Item> items = new ArrayList<>();
        Map<String, Integer> passed;
        try (Inputs.Cursor c = Inputs.open(List.of(dir.toString()), 1000, new ByteArrayInputStream(new byte[0]))) {
            c.forEachRemaining(items::add);
            passed = c.passedOver();
            assertEquals(c.totalBytes(), c.doneBytes());
        }
        assertEquals(List.of("https://shop.example/privacy", "https://shop.example/big",
                "https://shop.example/privacy#2", "local.html"), items.stream().map(Inputs.Item::docId).toList());
        Inputs.Item page = items.get(0);
        assertEquals("2024-03-05T10:15:30Z", page.fetched());
        assertTrue(page.location().contains("crawl.warc.gz#"), page.location());
        Source source = page.load();
        assertEquals("windows-1251", source.charsetHint());
        assertEquals(RUSSIAN, Decoder.decode(source.bytes(), source.charsetHint()).text());
        PolicyMinerException tooLarge = assertThrows(PolicyMinerException.class, () -> items.get(1).load());
        assertTrue(tooLarge.getMessage().startsWith("too large"), tooLarge.getMessage());
        assertNull(items.get(3).fetched());
        assertEquals(Map.of("request record", 1, "HTTP 404", 1, "not HTML (image/png)", 1), passed);
    }

    @Test
    void uncompressedArchivesAreRecognisedByContentWhateverTheirName() throws Exception {
        Path file = tmp.resolve("crawl-without-extension");
        writeCrawl(file, WarcCompression.NONE);
        assertTrue(WarcDocuments.isWarc(file));
        Path gz = tmp.resolve("crawl.bin");
        writeCrawl(gz, WarcCompression.GZIP);
        assertTrue(WarcDocuments.isWarc(gz));
        Path html = tmp.resolve("page.warc.html");
        Files.writeString(html, "<html></html>");
        assertEquals(false, WarcDocuments.isWarc(html));
        try (WarcDocuments warc = WarcDocuments.open(file, 1_000_000)) {
            int n = 0;
            while (warc.next() != null) {
                n++;
            }
            assertEquals(3, n);
        }
    }
}
