package org.policyminer.extract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.policyminer.doc.Clause;

class PolarityModelTest {

    /** A small training set: practices done, practices not done, and clauses that state none. */
    private static final String[][] CLAUSES = {
            {"We collect your e-mail address when you register.", "does"},
            {"We share your name with our service providers.", "does"},
            {"We use cookies to remember your preferences.", "does"},
            {"We may disclose your information to law enforcement.", "does"},
            {"We do not sell your personal information.", "does-not"},
            {"We never share your e-mail address with advertisers.", "does-not"},
            {"We do not collect information from children.", "does-not"},
            {"This policy was last updated in May.", "none"},
            {"Please read this policy carefully.", "none"},
            {"Contact us with any questions about this policy.", "none"},
    };

    private static PolarityModel.Unit unit(String text) {
        List<String> cues = new ArrayList<>();
        cues.add(text.contains(" not ") || text.contains("never") ? "rule=does-not" : "rule=does");
        return new PolarityModel.Unit(text, "", "", cues);
    }

    private static PolarityModel train() {
        List<PolarityModel.Unit> units = new ArrayList<>();
        boolean[] does = new boolean[CLAUSES.length * 3];
        boolean[] doesNot = new boolean[does.length];
        // Three copies, so that every word passes the minimum document frequency.
        for (int copy = 0; copy < 3; copy++) {
            for (int i = 0; i < CLAUSES.length; i++) {
                units.add(unit(CLAUSES[i][0]));
                does[units.size() - 1] = CLAUSES[i][1].equals("does");
                doesNot[units.size() - 1] = CLAUSES[i][1].equals("does-not");
            }
        }
        return PolarityModel.train(units, does, doesNot);
    }

    @Test
    void learnsToTellDoesFromDoesNot() {
        PolarityModel m = train();
        assertEquals(Clause.Polarity.DOES_NOT, m.decide(unit("We do not sell your e-mail address.")));
        assertEquals(Clause.Polarity.DOES, m.decide(unit("We share your e-mail address with advertisers.")));
        assertEquals(null, m.decide(unit("This policy was last updated.")));
    }

    @Test
    void savesAndLoadsTheSameModelAndTrainsDeterministically(@TempDir Path dir) throws IOException {
        PolarityModel m = train().withThresholds(0.45, 0.3);
        Path a = dir.resolve("a.model");
        Path b = dir.resolve("b.model");
        m.save(a);
        train().withThresholds(0.45, 0.3).save(b);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b), "same data, same file");
        PolarityModel loaded = PolarityModel.load(a);
        assertArrayEquals(new double[] {0.45, 0.3}, loaded.thresholds());
        assertEquals(m.features(), loaded.features());
        for (String[] c : CLAUSES) {
            // Weights are written as floats: the probabilities agree to float precision.
            assertArrayEquals(m.probabilities(unit(c[0])), loaded.probabilities(unit(c[0])), 1e-5, c[0]);
        }
    }

    @Test
    void refusesAFileThatIsNotAModel(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("x.model");
        Files.writeString(f, "hello\n");
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> PolarityModel.load(f));
        assertTrue(e.getMessage().contains("not a policyminer polarity model"), e.getMessage());
    }

    @Test
    void theExtractorShipsWithTheTrainedModel() {
        assertTrue(PolarityModel.bundled().isPresent(), "models/" + PolarityModel.BUNDLED_NAME + " is on the classpath");
        assertTrue(PolarityModel.bundled().get().features() > 10_000, "trained on OPP-115, not a toy");
    }
}
