package org.policyminer.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.policyminer.classify.ModelClassifier;
import org.policyminer.classify.Trainer;
import org.policyminer.eval.Dataset;
import org.policyminer.eval.Evaluation;
import org.policyminer.eval.Metrics;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code policyminer eval --data PATH --format opp115|csv [--model MODEL] [--cv K] [--json]}. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Scores a classifier on labelled data: per-label precision, recall, F1 and support, micro and "
                + "macro averages, in the label space of the gold data (OPP-115's 12 labels, or taxonomy ids).",
                "With --cv K, trains and scores K times instead (folds split by policy), never testing on training data."})
final class EvalCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, paramLabel = "PATH", description = "Gold data: an OPP-115 folder or a CSV file.")
    Path data;

    @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "opp115 or csv.",
            converter = FormatConverter.class)
    Dataset.Format format;

    @Option(names = "--model", paramLabel = "MODEL", description = "Model file (default: the shipped model).")
    Path model;

    @Option(names = "--cv", paramLabel = "K", description = "K-fold cross-validation split by policy.")
    Integer cv;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "Seed of the folds and of training under --cv (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--units", defaultValue = "both", paramLabel = "WHICH", converter = UnitsConverter.class,
            description = "Under --cv, OPP-115 units to train on: segments, sentences or both (default: ${DEFAULT-VALUE}).")
    Dataset.TrainingUnits units;

    @Option(names = "--baseline", description = "Under --cv, train the TF-IDF + logistic regression baseline instead.")
    boolean baseline;

    @Option(names = "--json", description = "Print only JSON on standard output.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (cv != null && model != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--cv trains its own models; drop --model");
        }
        long start = System.nanoTime();
        Dataset d = Dataset.read(data, format, System.err);
        Map<String, Metrics> results;
        if (cv != null) {
            Trainer.Options options = baseline ? Trainer.Options.baseline(seed) : Trainer.Options.standard(seed);
            results = Evaluation.crossValidate(d, cv, seed, train -> Trainer.train(train.examples(units), options, "cv fold"));
        } else {
            ModelClassifier m = model != null ? ModelClassifier.load(model) : ModelClassifier.bundled().orElseThrow(() ->
                    new CommandLine.ParameterException(spec.commandLine(), "this build has no shipped model; give --model"));
            results = Evaluation.evaluate(m, d);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (json) {
            Object out;
            if (format == Dataset.Format.OPP115) {
                Map<String, Object> both = new LinkedHashMap<>();
                results.forEach((level, metrics) -> both.put(level, metrics.toJson()));
                out = both;
            } else {
                out = results.get("segments").toJson();
            }
            System.out.println(new ObjectMapper().writeValueAsString(out));
        } else {
            System.out.println(d.description() + (cv != null ? ", " + cv + "-fold cross-validation" : ""));
            results.forEach((level, metrics) -> System.out.println("\n" + level + "\n" + metrics.toTable()));
        }
        Evaluation.Timing timing = Evaluation.takeTiming();
        System.err.printf(Locale.ROOT, "evaluated in %.1f s; classified %d units in %.2f s (%.0f units/s)%n", seconds,
                timing.units(), timing.nanos() / 1e9, timing.perSecond());
        return 0;
    }
}
