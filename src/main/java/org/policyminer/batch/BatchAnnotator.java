package org.policyminer.batch;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import org.policyminer.PolicyMiner;
import org.policyminer.PolicyMinerException;
import org.policyminer.doc.AnnotatedDocument;
import org.policyminer.doc.Block;
import org.policyminer.ingest.Inputs;
import org.policyminer.output.AnnotationWriter;
import org.policyminer.output.AnnotationWriter.Piece;
import org.policyminer.output.AnnotationWriter.RunFacts;
import org.policyminer.segment.Segmenter;

/**
 * Annotates a stream of inputs into an output folder on several threads, with memory bounded by the number of
 * documents in flight, whatever the size of the corpus.
 *
 * <p>One thread reads the inputs in order and hands numbered tasks both to the workers (a bounded queue) and to
 * the committer (a second bounded queue, in input order). Workers decode, clean, annotate and render each
 * document; the committer appends results strictly in input order, so outputs are byte-identical for any number
 * of threads. What goes wrong inside a document (an exception, the size limit, the time budget) becomes a line
 * of {@code errors.jsonl} and the run goes on.
 *
 * <p>Documents whose clean text and layout are identical are annotated once: the first in input order is written
 * in full, later ones get a {@code duplicate} row pointing to it.
 *
 * <p>Every committed document is recorded in a {@linkplain Journal journal} after its output is flushed; a run
 * started with {@link Builder#resume(boolean)} over the folder of an interrupted run cuts the files back to the
 * last journalled document and continues from the next one, so that it ends with exactly the files an
 * uninterrupted run writes.
 */
public final class BatchAnnotator {

    /** What a run did. */
    public record Summary(int documents, int clauses, int skipped, int notEnglish, int duplicates, int resumed,
                          Map<String, Integer> passedOver, double seconds, StageCpu cpu) {
        /** One line for the end of a run. */
        public String describe() {
            int passed = passedOver.values().stream().mapToInt(Integer::intValue).sum();
            return String.format(Locale.ROOT,
                    "%d documents annotated (%d not English, %d duplicates), %d clauses, %d skipped%s%s, %.1f s (%.1f documents/s)",
                    documents, notEnglish, duplicates, clauses, skipped,
                    passed > 0 ? ", " + passed + " archive records passed over " + passedOver : "",
                    resumed > 0 ? ", " + resumed + " taken over from the interrupted run" : "",
                    seconds, (documents + skipped - resumed) / Math.max(seconds, 1e-3));
        }
    }

    /**
     * CPU seconds the run's threads spent per stage, summed over the workers (the committer's appending and
     * flushing under {@code commit}); the JVM's own threads (garbage collection, JIT) are not included.
     *
     * @param clean    decoding and cleaning
     * @param annotate language, sections, clauses, tokens and tags, categories, attributes
     * @param render   turning annotations into the output files' text
     * @param commit   appending in input order, flushing, journalling (the committing thread)
     */
    public record StageCpu(double clean, double annotate, double render, double commit) {
        /** One line, e.g. for a benchmark. */
        public String describe() {
            double all = clean + annotate + render + commit;
            return String.format(Locale.ROOT,
                    "clean %.1f s (%.0f%%), annotate %.1f s (%.0f%%), render %.1f s (%.0f%%), commit %.1f s (%.0f%%)",
                    clean, 100 * clean / all, annotate, 100 * annotate / all, render, 100 * render / all,
                    commit, 100 * commit / all);
        }
    }

    /**
     * Where a run is, for progress display.
     *
     * @param finished   documents committed so far (including those taken over from an interrupted run)
     * @param doneBytes  input bytes read so far
     * @param totalBytes input bytes in all (0 when unknown, e.g. standard input)
     * @param resumed    documents taken over from an interrupted run (not counted in the rate)
     */
    public record Status(long finished, long doneBytes, long totalBytes, long resumed) {
    }

    /** Told about each committed document, e.g. to draw a progress bar. Called on the committing thread. */
    @FunctionalInterface
    public interface Listener {
        void done(Status status);
    }

    private final PolicyMiner miner;
    private final boolean tokens;
    private final int threads;
    private final Duration timeBudget;
    private final boolean resume;
    private final int inFlight;
    private final CommitHook hook;
    private final DocumentSink sink;

    /** Receives every annotated document (not duplicates, not errors) in input order, e.g. to index it. */
    @FunctionalInterface
    public interface DocumentSink {
        void accept(AnnotatedDocument doc) throws IOException;
    }

    /**
     * Called after each document is committed, with its 0-based input position; lets a test stop a run at an
     * exact point, as a kill would.
     */
    @FunctionalInterface
    public interface CommitHook {
        void committed(long seq) throws IOException;
    }

    private BatchAnnotator(Builder b) {
        this.miner = b.miner;
        this.tokens = b.tokens;
        this.threads = b.threads;
        this.timeBudget = b.timeBudget;
        this.resume = b.resume;
        this.inFlight = b.inFlight > 0 ? b.inFlight : 4 * b.threads;
        this.hook = b.hook;
        this.sink = b.sink;
    }

    /** Starts configuring a run that annotates with {@code miner} (shared by all worker threads). */
    public static Builder builder(PolicyMiner miner) {
        return new Builder(miner);
    }

    /** Whether {@code dir} holds an interrupted run that {@link Builder#resume(boolean)} can continue. */
    public static boolean isInterruptedRun(Path dir) {
        return Files.exists(Journal.path(dir));
    }

    /**
     * Annotates every item of {@code inputs} into {@code outDir} and commits the output files.
     *
     * @throws IOException when the output cannot be written, or an interrupted run cannot be resumed (its inputs or
     *                     settings changed); the partial files are then kept for another attempt
     */
    public Summary run(Inputs.Cursor inputs, Path outDir, Listener listener) throws IOException {
        long t0 = System.nanoTime();
        Files.createDirectories(outDir);
        String settings = "tokens=" + tokens;
        Journal.State state = null;
        AnnotationWriter writer;
        Journal journal;
        if (resume && Files.exists(Journal.path(outDir))) {
            state = Journal.read(outDir);
            if (!state.settings().equals(settings)) {
                throw new IOException("the interrupted run in " + outDir + " used " + state.settings()
                        + ", this one " + settings + "; resume it with the same options or start afresh with --force");
            }
            writer = AnnotationWriter.resume(outDir, tokens, state.lengths());
            journal = Journal.append(outDir);
        } else {
            writer = new AnnotationWriter(outDir, tokens);
            journal = Journal.create(outDir, settings, writer.flush());
        }
        Run run = new Run(inputs, writer, journal, state, listener);
        boolean ok = false;
        try {
            run.execute();
            writer.commit();
            journal.close();
            Journal.delete(outDir);
            ok = true;
        } finally {
            if (!ok) {
                // Keep what was committed so far: --resume continues from it.
                writer.release();
                journal.close();
            }
            run.stop();
        }
        Map<Journal.Outcome, Integer> n = run.outcomes;
        return new Summary(n.getOrDefault(Journal.Outcome.ANNOTATED, 0) + n.getOrDefault(Journal.Outcome.NOT_ENGLISH, 0),
                (int) run.clauses, n.getOrDefault(Journal.Outcome.ERROR, 0), n.getOrDefault(Journal.Outcome.NOT_ENGLISH, 0),
                n.getOrDefault(Journal.Outcome.DUPLICATE, 0), (int) run.resumed, inputs.passedOver(),
                (System.nanoTime() - t0) / 1e9, new StageCpu(run.cleanCpu.sum() / 1e9, run.annotateCpu.sum() / 1e9,
                run.renderCpu.sum() / 1e9, run.commitCpu / 1e9));
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** CPU nanoseconds of the calling thread so far, or 0 where the JVM cannot tell. */
    private static long threadCpu() {
        // -1 when thread CPU time measurement is switched off.
        return THREADS.isCurrentThreadCpuTimeSupported() ? Math.max(0, THREADS.getCurrentThreadCpuTime()) : 0;
    }

    /** One document on its way through the pipeline. */
    private static final class Task {
        final long seq;
        final Inputs.Item item;
        final CompletableFuture<Result> result = new CompletableFuture<>();
        volatile long started;
        volatile boolean abandoned;
        volatile CompletableFuture<AnnotatedDocument> claim;

        Task(long seq, Inputs.Item item) {
            this.seq = seq;
            this.item = item;
        }
    }

    /**
     * A worker's answer: an error, or a cleaned document with its dedup key and either its own annotation (with
     * the rendered piece) or the future annotation of an identical document another worker took on.
     */
    private record Result(String error, PolicyMiner.Cleaned cleaned, String key,
                          CompletableFuture<AnnotatedDocument> annotation, Piece piece) {
        static Result failed(String reason) {
            return new Result(reason, null, null, null, null);
        }
    }

    private static final Task END = new Task(-1, null);

    private final class Run {
        final Inputs.Cursor inputs;
        final AnnotationWriter writer;
        final Journal journal;
        final Journal.State resumedState;
        final Listener listener;
        final BlockingQueue<Task> work = new ArrayBlockingQueue<>(inFlight);
        final BlockingQueue<Task> order = new ArrayBlockingQueue<>(inFlight);
        /** Dedup keys of committed originals, to their doc ids and languages. */
        final Map<String, Journal.Original> originals = new ConcurrentHashMap<>();
        /** Annotations under way or not yet committed, by dedup key: each is computed by one worker only. */
        final Map<String, CompletableFuture<AnnotatedDocument>> claims = new ConcurrentHashMap<>();
        final Map<Journal.Outcome, Integer> outcomes = new EnumMap<>(Journal.Outcome.class);
        final AtomicInteger liveWorkers = new AtomicInteger();
        final AtomicInteger wantedWorkers = new AtomicInteger(threads);
        volatile Throwable readerFailure;
        volatile boolean stopping;
        long clauses;
        long resumed;
        /** CPU nanoseconds per stage (see {@link StageCpu}). */
        final LongAdder cleanCpu = new LongAdder();
        final LongAdder annotateCpu = new LongAdder();
        final LongAdder renderCpu = new LongAdder();
        long commitCpu;
        Thread reader;

        Run(Inputs.Cursor inputs, AnnotationWriter writer, Journal journal, Journal.State state, Listener listener) {
            this.inputs = inputs;
            this.writer = writer;
            this.journal = journal;
            this.resumedState = state;
            this.listener = listener;
            if (state != null) {
                originals.putAll(state.originals());
                outcomes.putAll(state.outcomes());
                clauses = state.clauses();
                resumed = state.committed();
            }
        }

        void execute() throws IOException {
            reader = Thread.ofPlatform().name("policyminer-reader").daemon().start(this::read);
            for (int i = 0; i < threads; i++) {
                startWorker();
            }
            while (true) {
                Task task = take(order);
                if (task == END) {
                    break;
                }
                long c0 = threadCpu();
                commit(task);
                commitCpu += threadCpu() - c0;
            }
            if (readerFailure != null) {
                throw new IOException(readerFailure.getMessage(), readerFailure);
            }
        }

        void stop() {
            stopping = true;
            if (reader != null) {
                reader.interrupt();
            }
            work.clear();
            for (int i = 0; i < liveWorkers.get() + 1; i++) {
                if (!work.offer(END)) {
                    break;
                }
            }
        }

        /** The reader thread: numbers items, skips those an interrupted run committed, feeds both queues. */
        void read() {
            long seq = 0;
            try {
                while (!stopping && inputs.hasNext()) {
                    Inputs.Item item = inputs.next();
                    if (resumedState != null && seq < resumedState.committed()) {
                        String expected = resumedState.docIds().get((int) seq);
                        if (!expected.equals(item.docId())) {
                            throw new IOException("the inputs changed since the run was interrupted: document "
                                    + seq + " was " + expected + ", now it is " + item.docId()
                                    + "; resume with the same inputs or start afresh with --force");
                        }
                        seq++;
                        continue;
                    }
                    Task task = new Task(seq++, item);
                    order.put(task);
                    work.put(task);
                }
                if (resumedState != null && seq < resumedState.committed()) {
                    throw new IOException("the inputs changed since the run was interrupted: " + seq
                            + " documents now, " + resumedState.committed() + " were already committed");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException | RuntimeException e) {
                readerFailure = e;
            } finally {
                if (!stopping) {
                    try {
                        order.put(END);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        }

        void startWorker() {
            liveWorkers.incrementAndGet();
            Thread.ofPlatform().name("policyminer-worker").daemon().start(this::work);
        }

        void work() {
            try {
                while (!stopping) {
                    Task task = work.take();
                    if (task == END) {
                        return;
                    }
                    task.started = System.nanoTime();
                    Result r = process(task);
                    task.result.complete(r);
                    if (task.abandoned && liveWorkers.get() > wantedWorkers.get()) {
                        // A replacement took this thread's place while it was stuck; leave the pool at its size.
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                liveWorkers.decrementAndGet();
            }
        }

        Result process(Task task) {
            long c0 = threadCpu();
            try {
                PolicyMiner.Cleaned cleaned = miner.clean(task.item.load());
                long c1 = threadCpu();
                cleanCpu.add(c1 - c0);
                c0 = c1;
                String key = dedupKey(cleaned);
                if (originals.containsKey(key)) {
                    return new Result(null, cleaned, key, null, null);
                }
                CompletableFuture<AnnotatedDocument> mine = new CompletableFuture<>();
                CompletableFuture<AnnotatedDocument> earlier = claims.putIfAbsent(key, mine);
                if (earlier != null) {
                    return new Result(null, cleaned, key, earlier, null);
                }
                task.claim = mine;
                try {
                    AnnotatedDocument doc = miner.annotate(cleaned);
                    mine.complete(doc);
                    c1 = threadCpu();
                    annotateCpu.add(c1 - c0);
                    c0 = c1;
                    Piece piece = writer.render(doc, new RunFacts(task.item.fetched(), null));
                    renderCpu.add(threadCpu() - c0);
                    return new Result(null, cleaned, key, mine, piece);
                } catch (PolicyMinerException | RuntimeException | StackOverflowError | OutOfMemoryError e) {
                    mine.completeExceptionally(e);
                    return new Result(null, cleaned, key, mine, null);
                }
            } catch (PolicyMinerException e) {
                return Result.failed(e.getMessage());
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError | IOException e) {
                // A bug or a pathological page must cost one document, not the run.
                return Result.failed("internal error: " + e);
            }
        }

        /** Waits for a task's result within its time budget, and appends it in input order. */
        void commit(Task task) throws IOException {
            Result r = await(task);
            Inputs.Item item = task.item;
            Journal.Outcome outcome;
            AnnotatedDocument sinkDoc = null;
            String key = null;
            int clauseCount = 0;
            Piece piece;
            if (r.error() != null) {
                outcome = Journal.Outcome.ERROR;
                piece = AnnotationWriter.renderError(item.docId(), item.location(), r.error());
            } else {
                key = r.key();
                Journal.Original original = originals.get(key);
                AnnotatedDocument doc = original != null ? null : awaitAnnotation(task, r);
                if (original == null && doc == null) {
                    outcome = Journal.Outcome.ERROR;
                    piece = AnnotationWriter.renderError(item.docId(), item.location(), annotationFailure(r));
                } else if (original != null) {
                    outcome = Journal.Outcome.DUPLICATE;
                    AnnotatedDocument shared = asThisDocument(r, null, original.language());
                    piece = writer.render(shared, new RunFacts(item.fetched(), original.docId()));
                } else {
                    if (r.piece() == null) {
                        // Annotated by a worker for a later identical document: attribute extraction reads the
                        // document id (the site's own name is not a third party), so annotate under this one.
                        doc = reannotate(r);
                    }
                    if (doc == null) {
                        outcome = Journal.Outcome.ERROR;
                        piece = AnnotationWriter.renderError(item.docId(), item.location(), annotationFailure(r));
                    } else {
                        outcome = doc.status() == AnnotatedDocument.Status.NOT_ENGLISH
                                ? Journal.Outcome.NOT_ENGLISH : Journal.Outcome.ANNOTATED;
                        clauseCount = doc.clauses().size();
                        piece = r.piece() != null ? r.piece() : writer.render(doc, new RunFacts(item.fetched(), null));
                        sinkDoc = doc;
                        originals.put(key, new Journal.Original(item.docId(), doc.language()));
                        claims.remove(key);
                    }
                }
            }
            writer.append(piece);
            if (sinkDoc != null) {
                sink.accept(sinkDoc);
            }
            long[] lengths = writer.flush();
            String language = original(key) == null ? null : original(key).language();
            journal.record(new Journal.Entry(task.seq, item.docId(), outcome, key, language, clauseCount, lengths));
            outcomes.merge(outcome, 1, Integer::sum);
            clauses += clauseCount;
            hook.committed(task.seq);
            listener.done(new Status(task.seq + 1, inputs.doneBytes(), inputs.totalBytes(), resumed));
        }

        Journal.Original original(String key) {
            return key == null ? null : originals.get(key);
        }

        Result await(Task task) {
            long budget = timeBudget.toNanos();
            while (true) {
                try {
                    // A finished document is taken whatever the clock says: while an earlier document was stuck,
                    // the documents behind it finished on other workers, and their budgets ran out only in the
                    // commit queue.
                    if (task.result.isDone()) {
                        return task.result.get();
                    }
                    long started = task.started;
                    if (started == 0) {
                        return task.result.get(50, TimeUnit.MILLISECONDS);
                    }
                    long left = started + budget - System.nanoTime();
                    if (left <= 0) {
                        return abandon(task);
                    }
                    return task.result.get(left, TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    // Loop: the result may have arrived, or the budget may be spent.
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for " + task.item.docId(), e);
                } catch (ExecutionException e) {
                    return Result.failed("internal error: " + e.getCause());
                }
            }
        }

        /** Gives up on a task over its time budget: its thread is left to finish alone and replaced. */
        Result abandon(Task task) {
            task.abandoned = true;
            CompletableFuture<AnnotatedDocument> claim = task.claim;
            if (claim != null) {
                claim.completeExceptionally(new PolicyMinerException(budgetMessage()));
            }
            startWorker();
            return Result.failed(budgetMessage());
        }

        String budgetMessage() {
            return "time budget exceeded: more than " + timeBudget.toMillis() / 1000.0 + " s";
        }

        AnnotatedDocument awaitAnnotation(Task task, Result r) {
            try {
                // The identical document that computes this annotation is in flight behind this one.
                return r.annotation().get(timeBudget.toNanos(), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                return null;
            } catch (TimeoutException e) {
                r.annotation().completeExceptionally(new PolicyMinerException(budgetMessage()));
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + task.item.docId(), e);
            }
        }

        /** Annotates again under this document's id; on failure, records why in place of the shared annotation. */
        AnnotatedDocument reannotate(Result r) {
            try {
                return miner.annotate(r.cleaned());
            } catch (PolicyMinerException | RuntimeException | StackOverflowError e) {
                r.annotation().obtrudeException(e);
                return null;
            }
        }

        String annotationFailure(Result r) {
            try {
                r.annotation().get();
                return "internal error: annotation missing";
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                return cause instanceof PolicyMinerException ? cause.getMessage() : "internal error: " + cause;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
        }

        /** The annotation of an identical document, under this document's own id, source and page facts. */
        AnnotatedDocument asThisDocument(Result r, AnnotatedDocument a, String language) {
            PolicyMiner.Cleaned c = r.cleaned();
            AnnotatedDocument.Status status = a != null ? a.status() : AnnotatedDocument.Status.ANNOTATED;
            return new AnnotatedDocument(c.source().docId(), c.source().location(), c.text().title(), c.format(),
                    c.charset(), language, c.contentHash(), status, c.text().text(), c.text().blocks(),
                    a != null ? a.sections() : Segmenter.sections(c.text()), a != null ? a.clauses() : List.of());
        }

        private <T> T take(BlockingQueue<T> q) {
            while (true) {
                try {
                    return q.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
        }
    }

    /**
     * The key under which documents count as identical: the hash of the clean text plus a fingerprint of its
     * layout (headings, paragraphs, list items), since both decide the annotation.
     */
    static String dedupKey(PolicyMiner.Cleaned c) {
        long h = 0xcbf29ce484222325L;
        for (Block b : c.text().blocks()) {
            for (long v : new long[] {b.kind().ordinal(), b.start(), b.end(), b.level()}) {
                h = (h ^ v) * 0x100000001b3L;
            }
        }
        return c.contentHash() + "/" + HexFormat.of().toHexDigits(h);
    }

    /** Configures a {@link BatchAnnotator}. */
    public static final class Builder {
        private final PolicyMiner miner;
        private boolean tokens = true;
        private int threads = Runtime.getRuntime().availableProcessors();
        private Duration timeBudget = Duration.ofMinutes(2);
        private boolean resume;
        private int inFlight;
        private CommitHook hook = seq -> {
        };
        private DocumentSink sink = doc -> {
        };

        private Builder(PolicyMiner miner) {
            this.miner = Objects.requireNonNull(miner);
        }

        /** Whether clauses.jsonl carries tokens (must match how {@code miner} was built; default true). */
        public Builder tokens(boolean tokens) {
            this.tokens = tokens;
            return this;
        }

        /** Worker threads (default: all cores). */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1, not " + threads);
            }
            this.threads = threads;
            return this;
        }

        /** How long one document may take before it is recorded as an error and the run moves on (default 2 min). */
        public Builder timeBudget(Duration budget) {
            this.timeBudget = Objects.requireNonNull(budget);
            return this;
        }

        /** Whether to continue an interrupted run found in the output folder (default false: start afresh). */
        public Builder resume(boolean resume) {
            this.resume = resume;
            return this;
        }

        /** Documents read ahead of the one being committed (default: 4 per thread); bounds memory. */
        public Builder inFlight(int documents) {
            this.inFlight = documents;
            return this;
        }

        /** Called after each committed document (tests use it to stop a run at an exact point). */
        public Builder onCommit(CommitHook hook) {
            this.hook = Objects.requireNonNull(hook);
            return this;
        }

        /** Also hands every annotated document to {@code sink}, in input order (default: none). */
        public Builder sink(DocumentSink sink) {
            this.sink = Objects.requireNonNull(sink);
            return this;
        }

        /** Builds the runner. */
        public BatchAnnotator build() {
            return new BatchAnnotator(this);
        }
    }
}
