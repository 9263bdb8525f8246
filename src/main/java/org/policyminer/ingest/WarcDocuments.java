package org.policyminer.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

import org.netpreserve.jwarc.HttpResponse;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResponse;
import org.policyminer.PolicyMinerException;

/**
 * Reads the pages of a WARC or WARC.gz crawl archive one record at a time (with jwarc). A {@code response}
 * record whose HTTP status is 200 and whose payload is HTML (or undeclared) becomes a document: its id is the
 * target URL, its fetch date the record's WARC-Date, its charset hint the one in the HTTP Content-Type. Every
 * other record is counted by reason and passed over. Only the current record is in memory.
 *
 * <p>Not thread-safe: one reader per archive, advanced by one thread.
 */
public final class WarcDocuments implements AutoCloseable {

    /**
     * One page of the archive, its body already read (so that the archive can move on).
     *
     * @param failure why the body could not be taken (too large, unreadable), or {@code null}
     */
    public record Record(String url, String location, String fetched, byte[] body, String charset, String failure) {
        /** The page as a {@link Source} under the given id, or the reason it cannot be one. */
        public Source source(String docId) throws PolicyMinerException {
            if (failure != null) {
                throw new PolicyMinerException(failure);
            }
            return new Source(docId, location, body, charset);
        }
    }

    private final Path file;
    private final WarcReader reader;
    private final long maxBytes;
    private final Map<String, Integer> passedOver = new TreeMap<>();

    private WarcDocuments(Path file, WarcReader reader, long maxBytes) {
        this.file = file;
        this.reader = reader;
        this.maxBytes = maxBytes;
    }

    /**
     * Opens an archive (compressed or not, told from its content).
     *
     * @param maxBytes a page whose body is larger becomes a record that fails with a "too large" reason
     */
    public static WarcDocuments open(Path file, long maxBytes) throws IOException {
        WarcReader reader = new WarcReader(file);
        // A damaged record should cost that record, not the rest of the archive.
        reader.setLenient(true);
        return new WarcDocuments(file, reader, maxBytes);
    }

    /**
     * Whether a file is a WARC archive: by its name ({@code .warc}, {@code .warc.gz}) or, for any other name, by its
     * first bytes ({@code WARC/}, possibly gzip-compressed).
     */
    public static boolean isWarc(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".warc") || name.endsWith(".warc.gz")) {
            return true;
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(5);
            if (head.length >= 2 && (head[0] & 0xFF) == 0x1F && (head[1] & 0xFF) == 0x8B) {
                try (InputStream gz = new GZIPInputStream(Files.newInputStream(file))) {
                    head = gz.readNBytes(5);
                }
            }
            return new String(head, java.nio.charset.StandardCharsets.ISO_8859_1).equals("WARC/");
        } catch (IOException e) {
            return false;
        }
    }

    /** The next page of the archive, or {@code null} at its end (or at damage it cannot read past). */
    public Record next() {
        while (true) {
            Optional<WarcRecord> next;
            long offset = reader.position();
            try {
                next = reader.next();
            } catch (IOException | RuntimeException e) {
                count("unreadable record (rest of archive skipped): " + e.getMessage());
                return null;
            }
            if (next.isEmpty()) {
                return null;
            }
            WarcRecord record = next.get();
            if (!(record instanceof WarcResponse response)) {
                count(record.type() + " record");
                continue;
            }
            Record page = page(response, offset);
            if (page != null) {
                return page;
            }
        }
    }

    private Record page(WarcResponse response, long offset) {
        String url = response.target();
        String location = file + "#" + offset;
        String fetched = response.date() == null ? null : response.date().toString();
        HttpResponse http;
        try {
            if (!response.contentType().base().equals(MediaType.HTTP)) {
                count("non-HTTP response record");
                return null;
            }
            http = response.http();
        } catch (IOException | RuntimeException e) {
            count("unparsable HTTP response");
            return null;
        }
        if (http.status() != 200) {
            count("HTTP " + http.status());
            return null;
        }
        String declared = http.headers().first("Content-Type").orElse(null);
        MediaType type = declared == null ? null : MediaType.parseLeniently(declared);
        String charset = null;
        if (type != null) {
            String base = (type.type() + "/" + type.subtype()).toLowerCase(Locale.ROOT);
            if (!base.equals("text/html") && !base.equals("application/xhtml+xml")) {
                count("not HTML (" + base + ")");
                return null;
            }
            charset = type.parameters().get("charset");
        }
        try (InputStream body = http.bodyDecoded().stream()) {
            byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                return new Record(url, location, fetched, null, charset,
                        "too large: more than " + maxBytes + " bytes (raise it with --max-bytes)");
            }
            return new Record(url, location, fetched, bytes, charset, null);
        } catch (IOException | RuntimeException e) {
            return new Record(url, location, fetched, null, charset, "cannot read WARC record body: " + e.getMessage());
        }
    }

    private void count(String reason) {
        passedOver.merge(reason, 1, Integer::sum);
    }

    /** Where the reader is in the archive file, in bytes of the file as stored. */
    public long position() {
        return reader.position();
    }

    /** Records passed over so far, by reason. */
    public Map<String, Integer> passedOver() {
        return passedOver;
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            // Nothing was written; a failed close of a read-only archive loses nothing.
        }
    }
}
