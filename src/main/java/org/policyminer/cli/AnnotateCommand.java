package org.policyminer.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.policyminer.PolicyMiner;
import org.policyminer.batch.BatchAnnotator;
import org.policyminer.classify.ModelClassifier;
import org.policyminer.ingest.Inputs;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code policyminer annotate INPUT... --out DIR}. */
@Command(name = "annotate", mixinStandardHelpOptions = true,
        description = {"Annotates privacy policies (HTML, Markdown or plain text; files, folders or - for standard "
                + "input) into clauses.csv, clauses.jsonl, attributes.csv, documents.csv, documents.jsonl and errors.jsonl.",
                "Inputs may also be WARC or WARC.gz crawl archives: their HTML pages fetched with status 200 become documents.",
                "Exit status: 0 all inputs annotated, 3 some inputs skipped (see errors.jsonl), 2 usage error, 1 failure."})
final class AnnotateCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Files, directories (read recursively) or - for standard input.")
    List<String> inputs;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (created if missing).")
    Path out;

    @Option(names = "--force", description = "Write into a non-empty output folder, replacing its files.")
    boolean force;

    @Option(names = "--tokens", description = "Include tokens with POS tags and offsets in clauses.jsonl.")
    boolean tokens;

    @Option(names = "--max-bytes", paramLabel = "N", defaultValue = "20000000",
            description = "Skip documents larger than this many bytes (default: ${DEFAULT-VALUE}).")
    long maxBytes;

    @Option(names = "--index", paramLabel = "DIR", description = "Also index the clauses for search into this index folder (created or updated).")
    Path index;

    @Option(names = "--model", paramLabel = "MODEL", description = "Classifier model file (default: the shipped model).")
    Path model;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores).")
    Integer threads;

    @Option(names = "--resume", description = "Continue the interrupted run in --out: finished documents are not redone, "
            + "and the outputs end up exactly as an uninterrupted run writes them.")
    boolean resume;

    @Option(names = "--time-budget", paramLabel = "SECONDS", defaultValue = "120",
            description = "Record a document that takes longer than this as an error and move on (default: ${DEFAULT-VALUE}).")
    double timeBudget;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--out " + out + " is a file, not a folder");
        }
        boolean continuing = resume && BatchAnnotator.isInterruptedRun(out);
        if (resume && !continuing && Files.isRegularFile(out.resolve("documents.csv"))) {
            System.err.println("nothing to resume: " + out + " holds a finished run");
            return 0;
        }
        if (!force && !continuing && Files.isDirectory(out) && !isEmpty(out)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--out " + out + " is not empty; use --force to "
                    + "overwrite its files" + (BatchAnnotator.isInterruptedRun(out) ? " or --resume to continue the interrupted run" : ""));
        }
        if (resume && index != null) {
            // Documents indexed before a kill were never committed to the index, and a resumed run does not
            // annotate them again: index the finished output with `policyminer index` instead.
            throw new CommandLine.ParameterException(spec.commandLine(), "--index cannot be combined with --resume");
        }
        if (threads != null && threads < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be at least 1");
        }
        PolicyMiner.Builder builder = PolicyMiner.builder().tokens(tokens);
        if (model != null) {
            builder.classifier(ModelClassifier.load(model));
        }
        PolicyMiner miner = builder.build();
        BatchAnnotator.Builder batch = BatchAnnotator.builder(miner).tokens(tokens).resume(resume)
                .timeBudget(Duration.ofMillis((long) (timeBudget * 1000)));
        if (threads != null) {
            batch.threads(threads);
        }
        BatchAnnotator.Summary summary;
        Progress progress = new Progress(System.err);
        try (Inputs.Cursor items = Inputs.open(inputs, maxBytes, System.in); IndexSink sink = IndexSink.open(index)) {
            summary = batch.sink(sink).build().run(items, out, progress);
            sink.commit();
        } finally {
            progress.finish();
        }
        System.err.println(summary.describe() + " -> " + out);
        return summary.skipped() > 0 ? Main.EXIT_SKIPPED : 0;
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }
}
