package org.policyminer.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.policyminer.classify.ModelClassifier;
import org.policyminer.classify.Trainer;
import org.policyminer.eval.Dataset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code policyminer train --data PATH --format opp115|csv --out MODEL}. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Trains a clause classifier from labelled data and writes it to a model file.",
                "opp115: the corpus' own layout (annotations/, sanitized_policies/); gold by majority vote (>= 2 of 3 "
                        + "annotators), Other split by its Other Type. csv: text,label rows, no header."})
final class TrainCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, paramLabel = "PATH", description = "Training data: an OPP-115 folder or a CSV file.")
    Path data;

    @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "opp115 or csv.",
            converter = FormatConverter.class)
    Dataset.Format format;

    @Option(names = "--out", required = true, paramLabel = "MODEL", description = "Where to write the model.")
    Path out;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--units", defaultValue = "both", paramLabel = "WHICH", converter = UnitsConverter.class,
            description = "OPP-115 units to train on: segments, sentences or both (default: ${DEFAULT-VALUE}).")
    Dataset.TrainingUnits units;

    @Option(names = "--baseline", description = "Train the plain TF-IDF word 1-2-gram + logistic regression baseline (threshold 0.5).")
    boolean baseline;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        Dataset d = Dataset.read(data, format, System.err);
        List<Trainer.Example> examples = d.examples(units);
        System.err.println("training on " + d.description() + ": " + examples.size() + " examples ("
                + (d.sentences().isEmpty() ? "texts" : units.name().toLowerCase(Locale.ROOT)) + ")");
        Trainer.Options options = baseline ? Trainer.Options.baseline(seed) : Trainer.Options.standard(seed);
        ModelClassifier model = Trainer.train(examples, options, d.description().replaceFirst(" at \\S+", "")
                + ", trained on " + units.name().toLowerCase(Locale.ROOT));
        model.save(out);
        System.err.printf(Locale.ROOT, "labels %s%nthresholds %s%nwrote %s in %.1f s%n", model.labels(), model.thresholds(),
                out, (System.nanoTime() - start) / 1e9);
        return 0;
    }
}
