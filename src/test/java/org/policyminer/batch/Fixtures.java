package org.policyminer.batch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.policyminer.PolicyMiner;

/** Small policies made up on the fly, and one pipeline shared by the batch tests (models load once). */
final class Fixtures {

    private static PolicyMiner miner;

    private Fixtures() {
    }

    static synchronized PolicyMiner miner() {
        if (miner == null) {
            miner = PolicyMiner.builder().tokens(true).build();
        }
        return miner;
    }

    /** A short HTML policy whose wording depends on {@code n}, so that different n give different clean text. */
    static String policy(int n) {
        return "<!DOCTYPE html><html><head><title>Policy " + n + "</title></head><body><main>"
                + "<h1>Privacy policy of shop number " + n + "</h1>"
                + "<h2>Data we collect</h2><p>We collect your name, email address and " + (n % 7 + 2)
                + " other details when you order from shop " + n + ". We use them to deliver your orders.</p>"
                + "<h2>Sharing</h2><p>We share your address with our delivery partner number " + n
                + ". We never sell your personal data.</p>"
                + "<h2>Retention</h2><p>We keep your data for " + (n % 5 + 1) + " years after your last order.</p>"
                + "<h2>Your rights</h2><p>You may access, correct or delete your data at any time.</p><ul>"
                + "<li>Write to privacy" + n + "@example.com.</li><li>Call us on weekdays.</li></ul>"
                + "</main></body></html>";
    }

    /**
     * Writes a small corpus: {@code count} distinct policies, plus an exact copy of the second one, an empty file
     * and a PDF (both must become errors), in a stable order.
     */
    static Map<String, Path> corpus(Path dir, int count) throws IOException {
        Files.createDirectories(dir);
        Map<String, Path> files = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            files.put("p" + i, write(dir.resolve(String.format("p%03d.html", i)), policy(i)));
        }
        files.put("copy", write(dir.resolve("p012-copy.html"), policy(1)));
        files.put("empty", write(dir.resolve("p002-empty.html"), ""));
        Path pdf = dir.resolve("p003-scan.html");
        Files.write(pdf, "%PDF-1.4 binary".getBytes(StandardCharsets.ISO_8859_1));
        files.put("pdf", pdf);
        return files;
    }

    private static Path write(Path p, String text) throws IOException {
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    /** The bytes of every output file in a folder, by name (so that two runs can be compared). */
    static Map<String, String> outputs(Path dir) throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        for (String f : org.policyminer.output.AnnotationWriter.FILES) {
            m.put(f, Files.readString(dir.resolve(f)));
        }
        return m;
    }
}
