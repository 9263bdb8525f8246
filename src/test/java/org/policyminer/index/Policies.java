package org.policyminer.index;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.policyminer.doc.AnnotatedDocument;
import org.policyminer.doc.Block;
import org.policyminer.doc.Clause;

/** Builds small annotated policies for index and search tests, without running the NLP pipeline. */
public final class Policies {

    private final String docId;
    private final String title;
    private final List<String[]> clauses = new ArrayList<>();

    private Policies(String docId, String title) {
        this.docId = docId;
        this.title = title;
    }

    /** Starts a policy. */
    public static Policies policy(String docId, String title) {
        return new Policies(docId, title);
    }

    /**
     * Adds a clause.
     *
     * @param section    section path, titles separated by {@code " > "} (empty for none)
     * @param categories taxonomy ids, comma-separated (empty for none); each gets score 0.8
     */
    public Policies clause(String section, String text, String categories) {
        clauses.add(new String[]{section, text, categories});
        return this;
    }

    /** The annotated document, with offsets into a clean text made of the clauses. */
    public AnnotatedDocument build() {
        StringBuilder text = new StringBuilder();
        List<Clause> out = new ArrayList<>();
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < clauses.size(); i++) {
            String[] c = clauses.get(i);
            if (text.length() > 0) {
                text.append("\n\n");
            }
            int start = text.length();
            text.append(c[1]);
            blocks.add(new Block(Block.Kind.PARAGRAPH, start, text.length(), 0));
            Map<String, Double> scores = new LinkedHashMap<>();
            List<String> cats = new ArrayList<>();
            for (String id : c[2].split(",")) {
                if (!id.isBlank()) {
                    cats.add(id.trim());
                    scores.put(id.trim(), 0.8);
                }
            }
            List<String> path = c[0].isEmpty() ? List.of() : List.of(c[0].split(" > "));
            out.add(new Clause(i, start, text.length(), c[1], path.isEmpty() ? -1 : 0, path, Block.Kind.PARAGRAPH, -1,
                    List.of(), scores, cats));
        }
        String clean = text.toString();
        return new AnnotatedDocument(docId, "test/" + docId, title, "text", "UTF-8", "eng", sha256(clean),
                AnnotatedDocument.Status.ANNOTATED, clean, blocks, List.of(), out);
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A small corpus of three policies with known facts, used across the search tests. */
    public static List<AnnotatedDocument> sample() {
        return List.of(
                policy("acme.html", "Acme Privacy Policy")
                        .clause("Acme Privacy Policy > Data Retention", "We retain your personal data for five years after your account is closed.", "retention")
                        .clause("Acme Privacy Policy > Data Retention", "Backups are retained for 30 days and then deleted.", "retention,security")
                        .clause("Acme Privacy Policy > Sharing", "We share your email address with Facebook for advertising.", "sharing")
                        .clause("Acme Privacy Policy > Children", "We do not knowingly collect data from children under 13 without parental consent.", "children")
                        .clause("Acme Privacy Policy > Contact", "Write to <privacy@acme.example> & we will answer.", "contact")
                        .build(),
                policy("globex.md", "Globex Notice")
                        .clause("Globex Notice > Retention", "Globex keeps logs as long as necessary and retains invoices for ten years.", "retention")
                        .clause("Globex Notice > Third parties", "We may disclose information to partners and share it with Facebook.", "sharing")
                        .clause("Globex Notice > Cookies", "You can opt out of cookies in your browser settings.", "choice")
                        .build(),
                policy("initech.txt", null)
                        .clause("", "Initech collects your name and email address when you register.", "data-collected")
                        .clause("Security", "Data is encrypted in transit and at rest.", "security")
                        .clause("Kids", "Parents may review the information of their children.", "children,rights")
                        .build());
    }
}
