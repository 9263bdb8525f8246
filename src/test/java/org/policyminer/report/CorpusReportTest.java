package org.policyminer.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.policyminer.PolicyMiner;
import org.policyminer.ingest.Source;
import org.policyminer.output.AnnotationWriter;

class CorpusReportTest {

    @TempDir
    static Path tmp;
    static Path run;
    static Path report;
    static List<Table> tables;

    @BeforeAll
    static void writeRunAndReport() throws Exception {
        PolicyMiner miner = PolicyMiner.builder().tokens(false).build();
        run = tmp.resolve("run");
        try (AnnotationWriter w = new AnnotationWriter(run, false)) {
            w.write(miner.annotate(Source.ofText("shop.html", "<html><body><h1>Privacy</h1>"
                    + "<p>We collect your email address to send you our newsletter.</p>"
                    + "<p>We share your address with our delivery partners and with Google Analytics.</p>"
                    + "<p>We keep your data for two years.</p></body></html>")));
            w.write(miner.annotate(Source.ofText("bank.html", "<html><body><h1>Privacy</h1>"
                    + "<p>We protect your data with encryption.</p>"
                    + "<p>We collect your name and email address when you open an account.</p></body></html>")));
            w.error("scan.pdf", "/in/scan.pdf", "binary content (PDF), not a text document");
            w.error("huge.html", "/in/huge.html", "too large: 123 bytes, the limit is 100");
            w.error("huge2.html", "/in/huge2.html", "too large: 456 bytes, the limit is 100");
            w.commit();
        }
        report = tmp.resolve("report");
        tables = CorpusReport.standard().write(run, report);
    }

    static Table table(String name) {
        return tables.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void coverageCountsPoliciesWithAtLeastOneClauseOfTheCategory() {
        Table coverage = table("category-coverage");
        List<Object> collected = coverage.rows().stream().filter(r -> r.get(0).equals("data-collected")).findFirst().orElseThrow();
        assertEquals(List.of("data-collected", 2L, 1.0), collected);
        List<Object> security = coverage.rows().stream().filter(r -> r.get(0).equals("security")).findFirst().orElseThrow();
        assertEquals(1L, security.get(1));
        assertEquals(2, table("policy-category-matrix").rows().size());
    }

    @Test
    void retentionPeriodsAndThirdPartiesComeFromTheExtractedAttributes() {
        List<List<Object>> retention = table("retention-periods").rows();
        assertEquals(2, retention.stream().mapToInt(r -> (Integer) r.get(1)).sum(), retention.toString());
        assertTrue(retention.stream().anyMatch(r -> String.valueOf(r.get(0)).contains("P2Y")), retention.toString());
        assertTrue(table("third-parties").rows().stream().anyMatch(r -> r.get(0).equals("google")),
                table("third-parties").rows().toString());
    }

    @Test
    void errorsAreGroupedByReasonWithNumbersIgnored() {
        assertEquals(List.of(List.of("too large: N bytes, the limit is N", 2),
                List.of("binary content (PDF), not a text document", 1)), table("errors").rows());
        assertTrue(table("outcomes").rows().contains(List.of("skipped (error)", 3L)));
    }

    @Test
    void pageIsSelfContainedAndEveryTableHasItsCsv() throws IOException {
        String html = Files.readString(report.resolve("index.html"));
        assertTrue(html.contains("<svg"));
        assertFalse(html.contains("http://") && html.replace("http://www.w3.org/2000/svg", "").contains("http://"),
                "nothing is fetched from elsewhere");
        assertFalse(html.contains("https://") || html.contains("<script"), "no CDN, no script");
        for (Table t : tables) {
            List<String> lines = Files.readAllLines(report.resolve(t.name() + ".csv"));
            assertEquals(String.join(",", t.columns()), lines.get(0));
            assertEquals(t.rows().size() + 1, lines.size(), t.name());
        }
    }

    @Test
    void pageRendersInHeadlessChromium() throws Exception {
        String chromium = Files.isExecutable(Path.of("/usr/bin/chromium")) ? "/usr/bin/chromium" : "chromium";
        Path png = tmp.resolve("report.png");
        Process p = new ProcessBuilder(chromium, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1200,1600", "--screenshot=" + png, report.resolve("index.html").toUri().toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(90, TimeUnit.SECONDS), "chromium finished");
        assertEquals(0, p.exitValue());
        byte[] bytes = Files.readAllBytes(png);
        // A blank page compresses to a few kilobytes; charts and text make it much larger.
        assertTrue(bytes.length > 40_000, "screenshot of " + bytes.length + " bytes");
        // Dump the rendered DOM too: the SVG charts must be part of the laid-out page.
        Process dom = new ProcessBuilder(chromium, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--dump-dom", report.resolve("index.html").toUri().toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String rendered = new String(dom.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(dom.waitFor(90, TimeUnit.SECONDS));
        assertTrue(rendered.contains("Share of policies covering each category") && rendered.contains("<rect"));
    }
}
