package org.policyminer.cli;

import java.io.BufferedReader;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.policyminer.classify.ClauseClassifier;
import org.policyminer.classify.LexiconClassifier;
import org.policyminer.classify.ModelClassifier;
import org.policyminer.classify.TextClassifier;
import org.policyminer.output.AtomicFile;
import org.policyminer.segment.NlpModels;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code policyminer classify --input FILE --out FILE.jsonl [--model MODEL]}. */
@Command(name = "classify", mixinStandardHelpOptions = true,
        description = {"Classifies arbitrary text units: a CSV file with a header holding id and text, or JSON Lines "
                + "with id, text and optionally section. Writes one JSON line per unit: id, categories, scores.",
                "A unit of several sentences is classified sentence by sentence, as annotate does, and aggregated."})
final class ClassifyCommand implements Callable<Integer> {

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "CSV (header with id,text) or JSONL input.")
    Path input;

    @Option(names = "--out", required = true, paramLabel = "FILE.jsonl", description = "Output JSON Lines file.")
    Path out;

    @Option(names = "--model", paramLabel = "MODEL", description = "Model file (default: the shipped model).")
    Path model;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final ObjectMapper json = new ObjectMapper();

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(input)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--input " + input + " is not a readable file");
        }
        ClauseClassifier classifier = model != null ? ModelClassifier.load(model)
                : ModelClassifier.bundled().<ClauseClassifier>map(m -> m).orElseGet(LexiconClassifier::bundled);
        TextClassifier texts = new TextClassifier(classifier, NlpModels.load());
        int n = 0;
        try (AtomicFile file = new AtomicFile(out)) {
            Writer w = file.writer();
            if (looksLikeJsonl(input)) {
                try (BufferedReader r = Files.newBufferedReader(input, StandardCharsets.UTF_8)) {
                    String line;
                    int lineNo = 0;
                    while ((line = r.readLine()) != null) {
                        lineNo++;
                        if (line.isBlank()) {
                            continue;
                        }
                        JsonNode node;
                        try {
                            node = json.readTree(line);
                        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                            throw new CommandLine.ParameterException(spec.commandLine(),
                                    input + " line " + lineNo + " is not JSON: " + e.getOriginalMessage());
                        }
                        if (!node.hasNonNull("text")) {
                            throw new CommandLine.ParameterException(spec.commandLine(), input + " line " + lineNo + " has no \"text\"");
                        }
                        write(w, node.get("id"), texts.classify(node.get("text").asText(), node.path("section").asText("")));
                        n++;
                    }
                }
            } else {
                try (Reader r = Files.newBufferedReader(input, StandardCharsets.UTF_8);
                     CSVParser p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
                    if (!p.getHeaderMap().containsKey("text") || !p.getHeaderMap().containsKey("id")) {
                        throw new CommandLine.ParameterException(spec.commandLine(),
                                input + " needs a header with id and text columns (found " + p.getHeaderNames() + ")");
                    }
                    boolean hasSection = p.getHeaderMap().containsKey("section");
                    for (CSVRecord rec : p) {
                        String section = hasSection && rec.isSet("section") ? rec.get("section") : "";
                        write(w, json.getNodeFactory().textNode(rec.get("id")), texts.classify(rec.get("text"), section));
                        n++;
                    }
                }
            }
            file.commit();
        }
        System.err.println("classified " + n + " units -> " + out);
        return 0;
    }

    private void write(Writer w, JsonNode id, ClauseClassifier.Prediction p) throws java.io.IOException {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("categories", p.categories());
        row.put("scores", p.scores());
        w.write(json.writeValueAsString(row));
        w.write('\n');
    }

    private static boolean looksLikeJsonl(Path file) throws java.io.IOException {
        if (file.getFileName().toString().endsWith(".jsonl") || file.getFileName().toString().endsWith(".json")) {
            return true;
        }
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = r.readLine();
            return first != null && first.stripLeading().startsWith("{");
        }
    }
}
