package org.policyminer.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.policyminer.PolicyMinerException;

/**
 * Expands command-line inputs (files, directories walked recursively, {@code -} for standard input, WARC and
 * WARC.gz crawl archives) into documents to read. Items come one at a time from a {@link Cursor}: file contents
 * are read only when an item is loaded, and an archive is read record by record, so that a run never holds more
 * than the documents in flight whatever the size of its inputs.
 */
public final class Inputs {

    /**
     * One document to read: its id, where it is, when it was fetched (crawls only), and how to get its bytes.
     *
     * @param fetched ISO-8601 instant a crawler fetched the page, or {@code null} for local files
     */
    public record Item(String docId, String location, String fetched, Loader loader) {
        /** An item read from a local file or stream, with no fetch date. */
        public Item(String docId, String location, Loader loader) {
            this(docId, location, null, loader);
        }

        /** Reads the document's bytes, or says why it cannot. */
        public Source load() throws PolicyMinerException {
            return loader.load(this);
        }
    }

    /** Reads an item's bytes. */
    @FunctionalInterface
    public interface Loader {
        Source load(Item item) throws PolicyMinerException;
    }

    /**
     * The items of a list of inputs, in a stable order, produced lazily. Also counts what was passed over inside
     * archives (records that are not HTML pages fetched with status 200) and how far through the input bytes it is,
     * for progress estimates.
     */
    public static final class Cursor implements Iterator<Item>, AutoCloseable {
        private final Deque<Object> pending = new ArrayDeque<>();
        private final long maxBytes;
        private final InputStream stdin;
        private final Set<String> ids = new HashSet<>();
        private final Map<String, Integer> passedOver = new TreeMap<>();
        private final long totalBytes;
        private long doneBytes;
        private WarcDocuments warc;
        private long warcSize;
        private Item next;

        private Cursor(List<String> args, long maxBytes, InputStream stdin) {
            this.maxBytes = maxBytes;
            this.stdin = stdin;
            long total = 0;
            for (String arg : args) {
                if (arg.equals("-")) {
                    pending.add(arg);
                    continue;
                }
                Path path = Path.of(arg);
                if (Files.isDirectory(path)) {
                    for (Path file : walk(path)) {
                        pending.add(new Named(path.relativize(file).toString().replace('\\', '/'), file));
                        total += sizeOf(file);
                    }
                } else {
                    pending.add(new Named(path.getFileName() == null ? arg : path.getFileName().toString(), path));
                    total += sizeOf(path);
                }
            }
            this.totalBytes = total;
        }

        private record Named(String id, Path file) {
        }

        @Override
        public boolean hasNext() {
            if (next == null) {
                next = advance();
            }
            return next != null;
        }

        @Override
        public Item next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Item item = next;
            next = null;
            return item;
        }

        private Item advance() {
            while (true) {
                if (warc != null) {
                    WarcDocuments.Record r = warc.next();
                    if (r != null) {
                        return new Item(unique(r.url(), ids), r.location(), r.fetched(), item -> r.source(item.docId()));
                    }
                    warc.passedOver().forEach((reason, n) -> passedOver.merge(reason, n, Integer::sum));
                    doneBytes += warcSize;
                    closeWarc();
                }
                Object p = pending.poll();
                if (p == null) {
                    return null;
                }
                if (p instanceof String) {
                    return new Item(unique("stdin", ids), "-", item -> readStream(item, stdin, maxBytes));
                }
                Named n = (Named) p;
                if (WarcDocuments.isWarc(n.file())) {
                    warcSize = sizeOf(n.file());
                    try {
                        warc = WarcDocuments.open(n.file(), maxBytes);
                    } catch (IOException e) {
                        return new Item(unique(n.id(), ids), n.file().toString(), item -> {
                            throw new PolicyMinerException("cannot read WARC file: " + e.getMessage(), e);
                        });
                    }
                    continue;
                }
                doneBytes += sizeOf(n.file());
                return new Item(unique(n.id(), ids), n.file().toString(), item -> readFile(item, n.file(), maxBytes));
            }
        }

        /** Sum of the sizes of the input files (0 for standard input), for progress estimates. */
        public long totalBytes() {
            return totalBytes;
        }

        /** Input bytes behind the items produced so far, approximately (an archive counts as it is read). */
        public long doneBytes() {
            return doneBytes + (warc == null ? 0 : Math.min(warc.position(), warcSize));
        }

        /** Archive records that were not documents, by reason (e.g. {@code "request record"}, {@code "HTTP 404"}). */
        public Map<String, Integer> passedOver() {
            Map<String, Integer> all = new TreeMap<>(passedOver);
            if (warc != null) {
                warc.passedOver().forEach((reason, n) -> all.merge(reason, n, Integer::sum));
            }
            return all;
        }

        @Override
        public void close() {
            closeWarc();
        }

        private void closeWarc() {
            if (warc != null) {
                warc.close();
                warc = null;
            }
        }
    }

    private Inputs() {
    }

    /**
     * Opens the documents named by the given arguments, in a stable order (arguments in order, files within a
     * directory sorted by path, records within an archive in archive order). Hidden files are skipped; a path that
     * does not exist becomes an item whose loading fails, so that it is reported like any other unreadable input.
     *
     * @param maxBytes documents larger than this are reported instead of read
     * @param stdin    the stream {@code -} reads from
     */
    public static Cursor open(List<String> args, long maxBytes, InputStream stdin) {
        return new Cursor(args, maxBytes, stdin);
    }

    /**
     * Lists the documents named by the given arguments, as {@link #open} does. Holds every item at once, which for
     * an archive means every record's bytes: use {@link #open} for crawls.
     */
    public static List<Item> expand(List<String> args, long maxBytes, InputStream stdin) {
        List<Item> items = new ArrayList<>();
        try (Cursor c = open(args, maxBytes, stdin)) {
            c.forEachRemaining(items::add);
        }
        return items;
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    private static List<Path> walk(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> !dir.relativize(p).toString().startsWith(".") && !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            return List.of(dir.resolve(".unreadable-directory"));
        }
    }

    private static Source readFile(Item item, Path file, long maxBytes) throws PolicyMinerException {
        try {
            if (!Files.exists(file)) {
                throw new PolicyMinerException("no such file");
            }
            if (!Files.isReadable(file)) {
                throw new PolicyMinerException("file is not readable (permission denied)");
            }
            long size = Files.size(file);
            if (size > maxBytes) {
                throw new PolicyMinerException("too large: " + size + " bytes, the limit is " + maxBytes
                        + " (raise it with --max-bytes)");
            }
            return new Source(item.docId(), item.location(), Files.readAllBytes(file), null);
        } catch (IOException e) {
            throw new PolicyMinerException("cannot read: " + e.getMessage(), e);
        }
    }

    private static Source readStream(Item item, InputStream in, long maxBytes) throws PolicyMinerException {
        try {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw new PolicyMinerException("too large: more than " + maxBytes + " bytes (raise it with --max-bytes)");
            }
            return new Source(item.docId(), item.location(), bytes, null);
        } catch (IOException e) {
            throw new PolicyMinerException("cannot read standard input: " + e.getMessage(), e);
        }
    }

    private static String unique(String id, Set<String> seen) {
        String candidate = id;
        for (int i = 2; !seen.add(candidate); i++) {
            candidate = id + "#" + i;
        }
        return candidate;
    }
}
