package org.policyminer.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.policyminer.PolicyMinerException;

/**
 * Expands command-line inputs (files, directories walked recursively, {@code -} for standard input) into a
 * list of documents to read. Reading is deferred so that a run never holds more than the documents in flight.
 */
public final class Inputs {

    /** One document to read: its id, where it is, and how to get its bytes. */
    public record Item(String docId, String location, Loader loader) {
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

    private Inputs() {
    }

    /**
     * Lists the documents named by the given arguments, in a stable order (arguments in order, files within a
     * directory sorted by path). Hidden files are skipped; a path that does not exist becomes an item whose
     * loading fails, so that it is reported like any other unreadable input.
     *
     * @param maxBytes documents larger than this are reported instead of read
     * @param stdin    the stream {@code -} reads from
     */
    public static List<Item> expand(List<String> args, long maxBytes, InputStream stdin) {
        List<Item> items = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (String arg : args) {
            if (arg.equals("-")) {
                items.add(new Item(unique("stdin", ids), "-", item -> readStream(item, stdin, maxBytes)));
                continue;
            }
            Path path = Path.of(arg);
            if (Files.isDirectory(path)) {
                for (Path file : walk(path)) {
                    String id = path.relativize(file).toString().replace('\\', '/');
                    items.add(fileItem(unique(id, ids), file, maxBytes));
                }
            } else {
                items.add(fileItem(unique(path.getFileName() == null ? arg : path.getFileName().toString(), ids),
                        path, maxBytes));
            }
        }
        return items;
    }

    private static Item fileItem(String id, Path file, long maxBytes) {
        return new Item(id, file.toString(), item -> readFile(item, file, maxBytes));
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
