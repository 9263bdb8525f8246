package org.policyminer.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.policyminer.eval.BenchmarkSplit;
import org.policyminer.eval.Dataset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code policyminer split --data OPP115 --train FILE.csv --test FILE.csv}. */
@Command(name = "split", mixinStandardHelpOptions = true,
        description = "Writes the public OPP-115 benchmark protocol from a corpus folder: labelled segments, duplicates "
                + "removed, split at random into train and test CSV files (text,label rows, no header).")
final class SplitCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, paramLabel = "PATH", description = "An OPP-115 folder.")
    Path data;

    @Option(names = "--train", required = true, paramLabel = "FILE.csv", description = "Where to write the training rows.")
    Path train;

    @Option(names = "--test", required = true, paramLabel = "FILE.csv", description = "Where to write the test rows.")
    Path test;

    @Option(names = "--test-share", defaultValue = "0.2", paramLabel = "X", description = "Share of texts in the test file (default: ${DEFAULT-VALUE}).")
    double testShare;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "Shuffling seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Dataset d = Dataset.read(data, Dataset.Format.OPP115, System.err);
        int[] n = BenchmarkSplit.write(d, testShare, seed, train, test);
        System.err.println("wrote " + n[0] + " training texts to " + train + " and " + n[1] + " test texts to " + test);
        return 0;
    }
}
