package org.policyminer.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.policyminer.PolicyMiner;
import org.policyminer.index.ClauseIndexer;
import org.policyminer.index.IndexBatch;
import org.policyminer.ingest.Inputs;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code policyminer index INPUT... --index DIR [--delete DOC_ID]}. */
@Command(name = "index", mixinStandardHelpOptions = true,
        description = {"Annotates privacy policies and indexes their clauses for search (a Lucene index in DIR, "
                + "created or updated). A policy indexed again replaces its clauses; unchanged inputs are skipped.",
                "Exit status: 0 done, 3 some inputs skipped or a --delete id not found, 2 usage error, 1 failure."})
final class IndexCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "INPUT", description = "Files, directories (read recursively) or - for standard input.")
    List<String> inputs = List.of();

    @Option(names = "--index", required = true, paramLabel = "DIR", description = "The index folder.")
    Path index;

    @Option(names = "--delete", paramLabel = "DOC_ID", description = "Remove this policy from the index (repeatable; done before indexing INPUTs).")
    List<String> delete = List.of();

    @Option(names = "--force", description = "Annotate and rewrite every input, even those indexed unchanged before.")
    boolean force;

    @Option(names = "--max-bytes", paramLabel = "N", defaultValue = "20000000",
            description = "Skip documents larger than this many bytes (default: ${DEFAULT-VALUE}).")
    long maxBytes;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (inputs.isEmpty() && delete.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give INPUTs to index or --delete DOC_ID");
        }
        int status = 0;
        try (ClauseIndexer indexer = ClauseIndexer.open(index)) {
            for (String docId : delete) {
                if (indexer.delete(docId)) {
                    System.err.println("deleted " + docId);
                } else {
                    System.err.println("policyminer index: no policy '" + docId + "' in " + index);
                    status = Main.EXIT_SKIPPED;
                }
            }
            if (inputs.isEmpty()) {
                indexer.commit();
                return status;
            }
            List<Inputs.Item> items = Inputs.expand(inputs, maxBytes, System.in);
            PolicyMiner miner = PolicyMiner.builder().tokens(false).build();
            Progress progress = new Progress(System.err);
            IndexBatch.Summary summary = new IndexBatch(miner, indexer, pipelineLabel(miner), force).run(items,
                    new IndexBatch.Listener() {
                        @Override
                        public void done(int finished, int total) {
                            progress.done(finished, total);
                        }

                        @Override
                        public void skipped(String docId, String location, String reason) {
                            System.err.println("skipped " + location + ": " + reason);
                        }
                    });
            System.err.println(summary.describe() + " -> " + index);
            return summary.skipped() > 0 ? Main.EXIT_SKIPPED : status;
        } catch (IOException e) {
            System.err.println("policyminer index: " + e.getMessage());
            return 1;
        }
    }

    /** What produced the annotations: a new version or classifier must not reuse old ones. */
    static String pipelineLabel(PolicyMiner miner) {
        return Main.class.getAnnotation(Command.class).version()[0] + "/" + miner.classifier().getClass().getName();
    }
}
