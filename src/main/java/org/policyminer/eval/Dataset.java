package org.policyminer.eval;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.policyminer.classify.Trainer;
import org.policyminer.segment.NlpModels;

/**
 * Labelled data for training and evaluation, read from one of the supported formats.
 *
 * @param description what was read, for messages
 * @param space       the label space of the gold labels
 * @param segments    the units as the data gives them (OPP-115 segments, or CSV rows)
 * @param sentences   OPP-115 sentences with span-based gold; empty for CSV data
 */
public record Dataset(String description, LabelSpace space, List<LabeledUnit> segments, List<LabeledUnit> sentences) {

    /** The formats {@code --format} accepts. */
    public enum Format { OPP115, CSV }

    /** Which units a model trains on. */
    public enum TrainingUnits { SEGMENTS, SENTENCES, BOTH }

    public Dataset {
        segments = List.copyOf(segments);
        sentences = List.copyOf(sentences);
    }

    /** Reads a dataset; CSV warnings go to {@code warnings}. */
    public static Dataset read(Path path, Format format, PrintStream warnings) throws IOException {
        if (!Files.exists(path)) {
            throw new IOException("no such file or folder: " + path);
        }
        return switch (format) {
            case CSV -> {
                if (Files.isDirectory(path)) {
                    throw new IOException(path + " is a folder; --format csv needs a file");
                }
                CsvDataset.Data d = CsvDataset.read(path, warnings);
                yield new Dataset(path.getFileName() + " (" + d.units().size() + " texts)", d.space(), d.units(), List.of());
            }
            case OPP115 -> {
                List<Opp115Corpus.Policy> policies = new Opp115Corpus(NlpModels.load().sentences()).read(path);
                List<LabeledUnit> seg = new ArrayList<>();
                List<LabeledUnit> sent = new ArrayList<>();
                policies.forEach(p -> {
                    seg.addAll(p.segments());
                    sent.addAll(p.sentences());
                });
                yield new Dataset(String.format(Locale.ROOT, "OPP-115 at %s (%d policies, %d segments, %d sentences)",
                        path, policies.size(), seg.size(), sent.size()), LabelSpace.OPP115, seg, sent);
            }
        };
    }

    /** The labels scored in this data's space: OPP-115's 12, or the taxonomy ids present in the gold. */
    public List<String> scoredLabels() {
        if (space == LabelSpace.OPP115) {
            return LabelSpace.OPP115_LABELS;
        }
        java.util.Set<String> present = new java.util.HashSet<>();
        segments.forEach(u -> present.addAll(u.labels()));
        List<String> out = new ArrayList<>();
        for (org.policyminer.classify.Category c : org.policyminer.classify.Category.values()) {
            if (present.contains(c.id())) {
                out.add(c.id());
            }
        }
        return out;
    }

    /** Training examples (labels mapped to taxonomy ids) from the chosen units. */
    public List<Trainer.Example> examples(TrainingUnits which) {
        List<Trainer.Example> out = new ArrayList<>();
        if (which != TrainingUnits.SENTENCES || sentences.isEmpty()) {
            segments.forEach(u -> out.add(toExample(u)));
        }
        if (which != TrainingUnits.SEGMENTS) {
            sentences.forEach(u -> out.add(toExample(u)));
        }
        return out;
    }

    static Trainer.Example toExample(LabeledUnit u) {
        java.util.Set<String> ids = new java.util.LinkedHashSet<>();
        u.labels().forEach(l -> LabelSpace.toTaxonomy(l).ifPresent(ids::add));
        return new Trainer.Example(u.unit(), ids, u.group());
    }

    /** The subset of this dataset whose units pass {@code in} (a cross-validation fold, or its complement). */
    public Dataset fold(java.util.function.Predicate<LabeledUnit> in) {
        return new Dataset(description, space, segments.stream().filter(in).toList(),
                sentences.stream().filter(in).toList());
    }
}
