package org.policyminer.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.policyminer.PolicyMiner;
import org.policyminer.batch.BatchAnnotator;
import org.policyminer.classify.ModelClassifier;
import org.policyminer.ingest.Inputs;
import org.policyminer.output.AnnotationWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code policyminer annotate INPUT... --out DIR}. */
@Command(name = "annotate", mixinStandardHelpOptions = true,
        description = {"Annotates privacy policies (HTML, Markdown or plain text; files, folders or - for standard "
                + "input) into clauses.csv, clauses.jsonl, attributes.csv, documents.csv, documents.jsonl and errors.jsonl.",
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

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--out " + out + " is a file, not a folder");
        }
        if (!force && Files.isDirectory(out) && !isEmpty(out)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--out " + out + " is not empty; use --force to overwrite its files");
        }
        List<Inputs.Item> items = Inputs.expand(inputs, maxBytes, System.in);
        PolicyMiner.Builder builder = PolicyMiner.builder().tokens(tokens);
        if (model != null) {
            builder.classifier(ModelClassifier.load(model));
        }
        PolicyMiner miner = builder.build();
        BatchAnnotator.Summary summary;
        try (AnnotationWriter writer = new AnnotationWriter(out, tokens); IndexSink sink = IndexSink.open(index)) {
            summary = new BatchAnnotator(miner, sink).run(items, writer, new Progress(System.err));
            writer.commit();
            sink.commit();
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
