package org.policyminer.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.policyminer.PolicyMiner;
import org.policyminer.extract.Extractor;
import org.policyminer.extract.PolarityModel;
import org.policyminer.extract.eval.Opp115;
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
        List<PolarityData.AnnotatedSegment> segments = PolarityData.annotateAll(PolicyMiner.builder().build(),
                Extractor.bundled(), Opp115.read(data));
        PolarityModel model = PolarityData.train(segments);
        model.save(out);
        double[] t = model.thresholds();
        PolarityModel.Combiner[] g = model.combiners();
        System.out.printf(java.util.Locale.ROOT, "trained on %s%nwrote %s: %d features, clause thresholds does %.2f, "
                        + "does not %.2f, group thresholds does %.2f, does not %.2f; strongest \"does not\" cues: %s%n",
                PolarityData.describe(segments), out, model.features(), t[0], t[1], g[0].threshold(), g[1].threshold(),
                String.join(", ", model.strongestDoesNotCues(8)));
        return 0;
    }
}
