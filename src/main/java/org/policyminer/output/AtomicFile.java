package org.policyminer.output;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A file written under a {@code .partial} name and renamed into place only when complete, so that a run killed
 * half-way never leaves a truncated file that looks finished.
 */
public final class AtomicFile implements AutoCloseable {

    private final Path target;
    private final Path partial;
    private final OutputStream stream;
    private final Writer writer;
    private boolean committed;

    /** Opens {@code target.partial} for writing UTF-8 text. */
    public AtomicFile(Path target) throws IOException {
        this.target = target;
        this.partial = target.resolveSibling(target.getFileName() + ".partial");
        this.stream = Files.newOutputStream(partial);
        this.writer = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
    }

    /** The writer for the file's content. */
    public Writer writer() {
        return writer;
    }

    /** Flushes, syncs and renames the file to its final name. */
    public void commit() throws IOException {
        writer.flush();
        if (stream instanceof java.io.FileOutputStream fos) {
            fos.getFD().sync();
        }
        writer.close();
        try {
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
        }
        committed = true;
    }

    /** Abandons an uncommitted file, deleting its partial copy. */
    @Override
    public void close() throws IOException {
        if (!committed) {
            writer.close();
            Files.deleteIfExists(partial);
        }
    }
}
