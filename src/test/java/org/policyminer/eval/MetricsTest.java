package org.policyminer.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsTest {

    @Test
    void microAndMacroAverages() {
        Metrics m = new Metrics(List.of("a", "b"));
        m.add(Set.of("a"), Set.of("a"));          // a: tp
        m.add(Set.of("a", "b"), Set.of("a"));     // a: tp, b: fn
        m.add(Set.of(), Set.of("b"));             // b: fp
        m.add(Set.of("b"), Set.of("b", "c"));     // b: tp; c is not scored
        assertEquals(4, m.units());
        Metrics.Score a = m.perLabel().get("a");
        assertEquals(1.0, a.f1(), 1e-9);
        Metrics.Score b = m.perLabel().get("b");
        assertEquals(0.5, b.precision(), 1e-9);
        assertEquals(0.5, b.recall(), 1e-9);
        assertEquals(2, b.support());
        assertEquals(3.0 / 4, m.micro().precision(), 1e-9);
        assertEquals(3.0 / 4, m.micro().recall(), 1e-9);
        assertEquals((1.0 + 0.5) / 2, m.macro().f1(), 1e-9);
        Map<String, Object> json = m.toJson();
        assertEquals(List.of("units", "micro", "macro", "labels"), List.copyOf(json.keySet()));
    }

    @Test
    void csvGroupsRowsByTextAndSkipsJunk(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("rows.csv");
        Files.writeString(csv, """
                We share data with advertisers.,Third Party Sharing/Collection
                We share data with advertisers.,First Party Collection/Use
                #NAME?,Data Security
                "We keep logs for 30 days, then delete them.",Data Retention
                Some text,Not A Label
                """);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CsvDataset.Data d = CsvDataset.read(csv, new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, d.units().size());
        assertEquals(LabelSpace.OPP115, d.space());
        assertEquals(Set.of("Third Party Sharing/Collection", "First Party Collection/Use"), d.units().get(0).labels());
        assertEquals(2, d.skipped());
        String warning = err.toString(StandardCharsets.UTF_8);
        assertEquals(true, warning.contains("skipped 2 junk row"), warning);
    }

    @Test
    void labelSpacesMapTheTaxonomy() {
        assertEquals(Set.of("International and Specific Audiences", "Privacy contact information"),
                LabelSpace.OPP115.fromTaxonomy(List.of("children", "audiences", "contact", "legal-basis")));
        assertEquals("rights", LabelSpace.toTaxonomy("User Access, Edit and Deletion").orElseThrow());
        assertEquals("audiences", LabelSpace.toTaxonomy("International and Specific Audiences").orElseThrow());
    }
}
