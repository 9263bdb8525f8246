package org.policyminer.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.policyminer.PolicyMiner;
import org.policyminer.extract.eval.AttributeEvaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code policyminer eval-attributes --data OPP115_DIR}. */
@Command(name = "eval-attributes", mixinStandardHelpOptions = true,
        description = {"Scores attribute extraction against OPP-115 (majority vote per segment) next to a TF-IDF + "
                + "logistic regression baseline on the same folds, split by policy.",
                "Exit status: 0 done, 1 failure (unreadable corpus), 2 usage error."})
final class EvalAttributesCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, paramLabel = "DIR",
            description = "OPP-115 folder with annotations/ and sanitized_policies/.")
    Path data;

    @Option(names = "--errors", paramLabel = "FILE",
            description = "Also write the extractor's errors on the tuning fold (fold 0) to FILE, one per line.")
    Path errors;

    @Override
    public Integer call() throws IOException {
        PolicyMiner miner = PolicyMiner.builder().build();
        AttributeEvaluation eval = AttributeEvaluation.run(data, miner);
        System.out.print(eval.report());
        if (errors != null) {
            Files.write(errors, eval.errors(AttributeEvaluation.TUNING_FOLD), StandardCharsets.UTF_8);
        }
        return 0;
    }
}
