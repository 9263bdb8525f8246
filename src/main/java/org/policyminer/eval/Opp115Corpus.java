package org.policyminer.eval;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import opennlp.tools.sentdetect.SentenceDetectorME;
import opennlp.tools.sentdetect.SentenceModel;
import opennlp.tools.util.Span;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.policyminer.classify.Unit;

/**
 * Reads the OPP-115 corpus in its own layout ({@code annotations/*.csv}, {@code sanitized_policies/*.html}) into
 * labelled segments and sentences.
 *
 * <p>Gold follows the usual "majority" convention: a segment carries a label when at least 2 of its 3 annotators
 * gave it; "Other" is split by its "Other Type" attribute. A sentence carries a label when spans of that label
 * from at least 2 annotators overlap it. Segment markup ({@code <br>}, {@code <strong>}, lists) is stripped;
 * lines that look like headings give the section context, list items get the line before the list as lead-in.
 */
public final class Opp115Corpus {

    /** One policy: its segments and its sentences (headings are not sentences), both in document order. */
    public record Policy(String id, List<LabeledUnit> segments, List<LabeledUnit> sentences) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SentenceModel sentenceModel;

    /** A reader that splits sentences with the given OpenNLP model. */
    public Opp115Corpus(SentenceModel sentenceModel) {
        this.sentenceModel = sentenceModel;
    }

    /** Whether a folder looks like the corpus (has {@code annotations/} and {@code sanitized_policies/}). */
    public static boolean looksLikeCorpus(Path dir) {
        return Files.isDirectory(dir.resolve("annotations")) && Files.isDirectory(dir.resolve("sanitized_policies"));
    }

    /** Reads every policy that has both an annotation file and a sanitized text, in file-name order. */
    public List<Policy> read(Path dir) throws IOException {
        if (!looksLikeCorpus(dir)) {
            throw new IOException(dir + " is not an OPP-115 folder: expected annotations/ and sanitized_policies/ in it");
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir.resolve("annotations"))) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted().toList();
        }
        List<Policy> out = new ArrayList<>();
        for (Path ann : files) {
            String name = ann.getFileName().toString().replaceFirst("\\.csv$", "");
            Path html = dir.resolve("sanitized_policies").resolve(name + ".html");
            if (!Files.exists(html)) {
                throw new IOException("annotations " + ann + " have no sanitized policy " + html);
            }
            out.add(readPolicy(name, Files.readString(html, StandardCharsets.UTF_8), ann));
        }
        if (out.isEmpty()) {
            throw new IOException("no annotation files in " + dir.resolve("annotations"));
        }
        return out;
    }

    /** One annotator's span of one label, in clean-text offsets of its segment. */
    private record Span2(String annotator, String label, int start, int end) {
    }

    Policy readPolicy(String id, String sanitized, Path annotations) throws IOException {
        String[] rawSegments = sanitized.split("\\|\\|\\|", -1);
        List<CleanSegment> segs = new ArrayList<>();
        for (String raw : rawSegments) {
            segs.add(CleanSegment.of(raw));
        }
        Map<Integer, Map<String, Set<String>>> votes = new TreeMap<>();
        Map<Integer, List<Span2>> spans = new HashMap<>();
        try (Reader r = Files.newBufferedReader(annotations, StandardCharsets.UTF_8)) {
            for (CSVRecord rec : CSVFormat.EXCEL.parse(r)) {
                if (rec.size() < 7) {
                    continue;
                }
                int seg;
                try {
                    seg = Integer.parseInt(rec.get(4).trim());
                } catch (NumberFormatException e) {
                    continue;
                }
                if (seg < 0 || seg >= segs.size()) {
                    continue;
                }
                String annotator = rec.get(2);
                JsonNode attrs = JSON.readTree(rec.get(6));
                String label = rec.get(5);
                if (label.equals("Other")) {
                    label = attrs.path("Other Type").path("value").asText("");
                }
                if (!LabelSpace.OPP115_LABELS.contains(label)) {
                    continue;
                }
                votes.computeIfAbsent(seg, k -> new HashMap<>()).computeIfAbsent(label, k -> new HashSet<>()).add(annotator);
                CleanSegment cs = segs.get(seg);
                for (JsonNode v : attrs) {
                    int[] span = cs.locate(v.path("selectedText").asText(null), v.path("startIndexInSegment").asInt(-1),
                            v.path("endIndexInSegment").asInt(-1));
                    if (span != null) {
                        spans.computeIfAbsent(seg, k -> new ArrayList<>()).add(new Span2(annotator, label, span[0], span[1]));
                    }
                }
            }
        }
        SentenceDetectorME detector = new SentenceDetectorME(sentenceModel);
        List<LabeledUnit> segments = new ArrayList<>();
        List<String> segmentSections = new ArrayList<>();
        List<Sent> sentences = new ArrayList<>();
        String heading = "";
        for (int i = 0; i < segs.size(); i++) {
            CleanSegment cs = segs.get(i);
            List<CleanSegment.Line> lines = cs.lines();
            String segSection = !lines.isEmpty() && lines.get(0).heading() ? lines.get(0).text() : heading;
            segmentSections.add(segSection);
            String leadIn = "";
            for (CleanSegment.Line line : lines) {
                if (line.heading()) {
                    heading = line.text();
                    continue;
                }
                String lineText = line.text();
                for (Span s : detector.sentPosDetect(lineText)) {
                    int start = line.start() + s.getStart();
                    int end = line.start() + s.getEnd();
                    String text = cs.text().substring(start, end).strip();
                    if (text.codePoints().noneMatch(Character::isLetter)) {
                        continue;
                    }
                    Set<String> labels = new LinkedHashSet<>();
                    Map<String, Set<String>> byLabel = new HashMap<>();
                    for (Span2 sp : spans.getOrDefault(i, List.of())) {
                        if (sp.start() < end && sp.end() > start) {
                            byLabel.computeIfAbsent(sp.label(), k -> new HashSet<>()).add(sp.annotator());
                        }
                    }
                    byLabel.forEach((l, who) -> {
                        if (who.size() >= 2) {
                            labels.add(l);
                        }
                    });
                    sentences.add(new Sent(text, heading, line.listItem() ? leadIn : "", labels));
                }
                if (!line.listItem()) {
                    leadIn = sentences.isEmpty() ? "" : sentences.get(sentences.size() - 1).text;
                }
            }
        }
        for (int i = 0; i < segs.size(); i++) {
            Set<String> labels = new LinkedHashSet<>();
            for (String l : LabelSpace.OPP115_LABELS) {
                if (votes.getOrDefault(i, Map.of()).getOrDefault(l, Set.of()).size() >= 2) {
                    labels.add(l);
                }
            }
            String text = segs.get(i).text().strip();
            if (text.isEmpty()) {
                continue;
            }
            segments.add(new LabeledUnit(new Unit(text, segmentSections.get(i), "",
                    i > 0 ? segs.get(i - 1).text().strip() : "", i + 1 < segs.size() ? segs.get(i + 1).text().strip() : "",
                    segs.size() <= 1 ? 0 : (double) i / (segs.size() - 1)), labels, id));
        }
        List<LabeledUnit> sentenceUnits = new ArrayList<>();
        int n = sentences.size();
        for (int i = 0; i < n; i++) {
            Sent s = sentences.get(i);
            sentenceUnits.add(new LabeledUnit(new Unit(s.text, s.section, s.leadIn,
                    i > 0 ? sentences.get(i - 1).text : "", i + 1 < n ? sentences.get(i + 1).text : "",
                    n <= 1 ? 0 : (double) i / (n - 1)), s.labels, id));
        }
        return new Policy(id, segments, sentenceUnits);
    }

    private record Sent(String text, String section, String leadIn, Set<String> labels) {
    }
}
