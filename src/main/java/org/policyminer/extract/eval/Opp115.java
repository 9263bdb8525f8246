package org.policyminer.extract.eval;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * Reads the OPP-115 corpus layout (annotations/*.csv, sanitized_policies/*.html) into policies, segments and, per
 * segment, the attribute values a majority of annotators (at least two of three) gave it.
 */
public final class Opp115 {

    /** The attributes evaluated, with the values scored for each (OPP-115's "Other" and "Unspecified" are left out). */
    public static final Map<String, List<String>> ATTRIBUTES = orderedAttributes();

    /** The audience attribute is scored on its "Children" value only. */
    public static final String CHILDREN = "Audience Type";

    /**
     * One segment of a policy: its plain text, its majority attribute values, and the "Does/Does Not" practices its
     * annotators marked (to tell which of its clauses state them).
     */
    public record Segment(int index, String text, Map<String, Set<String>> gold, List<Practice> practices) {
    }

    /**
     * One annotator's first-party collection or third-party sharing practice: "Does" or "Does Not", and the texts
     * the annotator selected for its attributes (data type, purpose, recipient, action...).
     */
    public record Practice(String annotator, String value, List<String> selectedTexts) {
    }

    /** One annotated policy. */
    public record Policy(int id, String name, List<Segment> segments) {
    }

    private Opp115() {
    }

    private static Map<String, List<String>> orderedAttributes() {
        Map<String, List<String>> m = new java.util.LinkedHashMap<>();
        m.put("Personal Information Type", List.of("Computer information", "Contact", "Cookies and tracking elements",
                "Demographic", "Financial", "Generic personal information", "Health", "IP address and device IDs",
                "Location", "Personal identifier", "Social media data", "Survey data", "User online activities",
                "User profile"));
        m.put("Third Party Entity", List.of("Named third party", "Unnamed third party",
                "Other part of company/affiliate", "Other users", "Public"));
        m.put("Purpose", List.of("Additional service/feature", "Advertising", "Analytics/Research",
                "Basic service/feature", "Legal requirement", "Marketing", "Merger/Acquisition",
                "Personalization/Customization", "Service operation and security"));
        m.put("Retention Period", List.of("Stated Period", "Limited", "Indefinitely"));
        m.put("Does/Does Not", List.of("Does", "Does Not"));
        m.put(CHILDREN, List.of("Children"));
        return java.util.Collections.unmodifiableMap(m);
    }

    /** Reads every policy of a corpus folder, ordered by policy id. */
    public static List<Policy> read(Path root) throws IOException {
        Path annotations = root.resolve("annotations");
        Path sanitized = root.resolve("sanitized_policies");
        if (!Files.isDirectory(annotations) || !Files.isDirectory(sanitized)) {
            throw new IOException(root + " does not look like OPP-115: annotations/ or sanitized_policies/ is missing");
        }
        Map<Integer, Policy> policies = new TreeMap<>();
        try (Stream<Path> files = Files.list(annotations)) {
            for (Path csv : files.filter(p -> p.toString().endsWith(".csv")).sorted().toList()) {
                String name = csv.getFileName().toString().replaceAll("\\.csv$", "");
                Path html = sanitized.resolve(name + ".html");
                if (!Files.exists(html)) {
                    throw new IOException("no sanitized policy for " + csv);
                }
                int id = Integer.parseInt(name.substring(0, name.indexOf('_')));
                policies.put(id, read(id, name, csv, html));
            }
        }
        return List.copyOf(policies.values());
    }

    private static Policy read(int id, String name, Path csv, Path html) throws IOException {
        String[] raw = Files.readString(html, StandardCharsets.UTF_8).split("\\|\\|\\|", -1);
        // value -> annotators, per segment and attribute
        Map<Integer, Map<String, Map<String, Set<String>>>> votes = new HashMap<>();
        Map<Integer, List<Practice>> practices = new HashMap<>();
        ObjectMapper json = new ObjectMapper();
        try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            for (CSVRecord r : CSVFormat.EXCEL.parse(in)) {
                String annotator = r.get(2);
                int segment = Integer.parseInt(r.get(4));
                JsonNode attrs = json.readTree(r.get(6));
                String polarity = attrs.path("Does/Does Not").path("value").asText("");
                if (canonical("Does/Does Not", polarity) != null) {
                    List<String> texts = new ArrayList<>();
                    for (JsonNode v : attrs) {
                        String t = v.path("selectedText").asText("");
                        if (v.path("startIndexInSegment").asInt(-1) >= 0 && !t.isBlank() && !t.equals("null")
                                && !t.equals("Not selected")) {
                            texts.add(plainText(t));
                        }
                    }
                    practices.computeIfAbsent(segment, k -> new ArrayList<>())
                            .add(new Practice(annotator, canonical("Does/Does Not", polarity), texts));
                }
                for (String attribute : ATTRIBUTES.keySet()) {
                    JsonNode a = attrs.get(attribute);
                    if (a == null || a.get("value") == null) {
                        continue;
                    }
                    String value = canonical(attribute, a.get("value").asText());
                    if (value != null) {
                        votes.computeIfAbsent(segment, k -> new HashMap<>())
                                .computeIfAbsent(attribute, k -> new HashMap<>())
                                .computeIfAbsent(value, k -> new HashSet<>()).add(annotator);
                    }
                }
            }
        }
        List<Segment> segments = new ArrayList<>(raw.length);
        for (int i = 0; i < raw.length; i++) {
            Map<String, Set<String>> gold = new HashMap<>();
            for (String attribute : ATTRIBUTES.keySet()) {
                Set<String> values = new HashSet<>();
                votes.getOrDefault(i, Map.of()).getOrDefault(attribute, Map.of()).forEach((v, who) -> {
                    if (who.size() >= 2) {
                        values.add(v);
                    }
                });
                gold.put(attribute, values);
            }
            segments.add(new Segment(i, plainText(raw[i]), gold, List.copyOf(practices.getOrDefault(i, List.of()))));
        }
        return new Policy(id, name, segments);
    }

    /** The scored spelling of a value (the corpus varies its capitalisation), or null when it is not scored. */
    static String canonical(String attribute, String value) {
        for (String v : ATTRIBUTES.get(attribute)) {
            if (v.toLowerCase(Locale.ROOT).equals(value.trim().toLowerCase(Locale.ROOT))) {
                return v;
            }
        }
        return null;
    }

    /** A segment's text with one line per paragraph, list item or heading. */
    static String plainText(String html) {
        Document d = Jsoup.parseBodyFragment(html);
        d.select("br").before("\n");
        d.select("p, li, h1, h2, h3, h4, h5, h6, div, tr, ul, ol").after("\n\n");
        String text = d.body().wholeText();
        return text.replaceAll("[ \\t\\x0B\\f\\r]+", " ").replaceAll("\\n\\s*\\n+", "\n\n").strip();
    }
}
