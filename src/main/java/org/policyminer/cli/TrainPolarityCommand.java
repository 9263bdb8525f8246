package org.policyminer.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.policyminer.PolicyMiner;
import org.policyminer.extract.PolarityModel;
import org.policyminer.extract.eval.PolarityData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code policyminer train-polarity --data OPP115_DIR --out FILE}. */
@Command(name = "train-polarity", mixinStandardHelpOptions = true,
        description = {"Trains the clause polarity model (does / does not) on every clause of an OPP-115 corpus; "
                + "deterministic. The shipped one is models/" + PolarityModel.BUNDLED_NAME + ".",
                "Exit status: 0 done, 1 failure (unreadable corpus), 2 usage error."})
final class TrainPolarityCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, paramLabel = "DIR",
            description = "OPP-115 folder with annotations/ and sanitized_policies/.")
    Path data;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the model.")
    Path out;

    @Override
    public Integer call() throws IOException {
        PolarityModel model = PolarityData.train(data, PolicyMiner.builder().build());
        model.save(out);
        System.out.println("wrote " + out + " (" + model.features() + " features); strongest \"does not\" cues: "
                + String.join(", ", model.strongestDoesNotCues(8)));
        return 0;
    }
}
