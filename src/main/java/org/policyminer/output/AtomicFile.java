package org.policyminer.output;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A file written under a {@code .partial} name and renamed into place only when complete, so that a run killed
 * half-way never leaves a truncated file that looks finished. A partial file can be reopened to append to it
 * after a given length, which is how an interrupted run resumes.
 */
public final class AtomicFile implements AutoCloseable {

    private final Path target;
    private final Path partial;
    private final FileChannel channel;
    private final Writer writer;
    private boolean committed;
    private boolean closed;

    /** Opens {@code target.partial} for writing UTF-8 text, empty. */
    public AtomicFile(Path target) throws IOException {
        this(target, -1);
    }

    private AtomicFile(Path target, long keep) throws IOException {
        this.target = target;
        this.partial = partialOf(target);
        if (keep < 0) {
            this.channel = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
        } else {
            if (!Files.exists(partial) && Files.exists(target)) {
                // Killed between renaming files into place and forgetting the run: take the finished file back.
                Files.move(target, partial, StandardCopyOption.ATOMIC_MOVE);
            }
            this.channel = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            if (channel.size() < keep) {
                channel.close();
                throw new IOException(partial + " is shorter (" + Files.size(partial) + " bytes) than its checkpoint ("
                        + keep + " bytes); it was changed since the run was interrupted");
            }
            channel.truncate(keep);
            channel.position(keep);
        }
        this.writer = new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(channel), StandardCharsets.UTF_8),
                1 << 16);
    }

    /**
     * Reopens the partial file of an interrupted run, cutting whatever was written after {@code keep} bytes (the
     * tail of a document that was not checkpointed), to append after it.
     */
    public static AtomicFile resume(Path target, long keep) throws IOException {
        return new AtomicFile(target, keep);
    }

    /** The name a file has until it is committed. */
    public static Path partialOf(Path target) {
        return target.resolveSibling(target.getFileName() + ".partial");
    }

    /** The writer for the file's content. */
    public Writer writer() {
        return writer;
    }

    /** Hands everything written so far to the operating system and returns the file's length in bytes. */
    public long flush() throws IOException {
        writer.flush();
        return channel.position();
    }

    /** Flushes, syncs and renames the file to its final name. */
    public void commit() throws IOException {
        writer.flush();
        channel.force(true);
        writer.close();
        closed = true;
        try {
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
        }
        committed = true;
    }

    /** Closes the file and keeps its partial copy, so that a later run can resume it. */
    public void release() throws IOException {
        if (!closed) {
            writer.close();
            closed = true;
        }
    }

    /** Abandons an uncommitted file, deleting its partial copy (unless it was {@link #release() released}). */
    @Override
    public void close() throws IOException {
        if (!committed && !closed) {
            writer.close();
            closed = true;
            Files.deleteIfExists(partial);
        }
    }
}
