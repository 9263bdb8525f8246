package org.policyminer.extract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.policyminer.doc.Block;
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
        return new PolarityModel.Unit(text, "", List.of(), cues);
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

    /** A combiner that reads only the group's strongest clause: it states the value from a clause probability of 0.5. */
    private static final PolarityModel.Combiner STRONGEST = new PolarityModel.Combiner(new double[] {1, 0, 0, 0}, 0, 0.5);

    @Test
    void aGroupKeepsDropsOrCompletesItsClausesDecisions() {
        double[] whole = {0.5, 0.5};
        // Alone, no clause reaches 0.6 for "does"; a combiner that reads the strongest at 0.5 gives it to the best one.
        PolarityModel.Combiner lenient = STRONGEST.withThreshold(0.4);
        assertEquals(Arrays.asList(null, Clause.Polarity.DOES),
                PolarityModel.decide(List.of(new double[] {0.3, 0.1}, new double[] {0.55, 0.1}), whole, 0.6, 0.35,
                        lenient, STRONGEST));
        // A combiner that wants more than the strongest clause takes "does" off the group's clauses.
        PolarityModel.Combiner strict = STRONGEST.withThreshold(0.9);
        assertEquals(Arrays.asList(null, null),
                PolarityModel.decide(List.of(new double[] {0.7, 0.1}, new double[] {0.65, 0.1}), whole, 0.6, 0.35,
                        strict, STRONGEST));
        // A "does not" the group does not state becomes the clause's own "does" when that reaches its threshold.
        assertEquals(List.of(Clause.Polarity.DOES),
                PolarityModel.decide(List.<double[]>of(new double[] {0.7, 0.4}), whole, 0.6, 0.35, STRONGEST, strict));
        // Without combiners each clause decides alone.
        assertEquals(Arrays.asList(null, Clause.Polarity.DOES_NOT),
                PolarityModel.decide(List.of(new double[] {0.3, 0.1}, new double[] {0.7, 0.4}), whole, 0.6, 0.35,
                        null, null));
    }

    @Test
    void groupsAreRunsOfOneSection() {
        List<Clause> clauses = new ArrayList<>();
        int[] sections = {-1, 0, 0, 1, 0};
        for (int i = 0; i < sections.length; i++) {
            clauses.add(new Clause(i, i * 10, i * 10 + 5, "x", sections[i], List.of(), Block.Kind.PARAGRAPH, -1,
                    List.of(), Map.of(), List.of()));
        }
        List<int[]> groups = PolarityModel.groups(clauses);
        assertEquals(4, groups.size());
        assertArrayEquals(new int[] {1, 3}, groups.get(1));
        assertArrayEquals(new int[] {4, 5}, groups.get(3));
    }

    @Test
    void combinersSurviveSavingAndLoading(@TempDir Path dir) throws IOException {
        PolarityModel.Combiner does = PolarityModel.fitCombiner(List.of(new double[] {2, 1, -1, 0},
                new double[] {-2, -1, 1, 0.7}, new double[] {1.5, 0.5, -2, 0.7}, new double[] {-1, -2, 0, 1.1}),
                new boolean[] {true, false, true, false});
        assertTrue(does.probability(new double[] {2, 1, -1, 0}) > does.probability(new double[] {-2, -1, 1, 0.7}),
                "learns which groups state the value");
        PolarityModel m = train().withCombiners(does.withThreshold(0.45), STRONGEST);
        Path f = dir.resolve("g.model");
        m.save(f);
        PolarityModel.Combiner[] loaded = PolarityModel.load(f).combiners();
        assertArrayEquals(does.weights(), loaded[0].weights(), 1e-12);
        assertEquals(does.bias(), loaded[0].bias(), 1e-12);
        assertEquals(0.45, loaded[0].threshold());
        assertArrayEquals(STRONGEST.weights(), loaded[1].weights(), 1e-12);
        List<PolarityModel.Unit> group = List.of(unit("We do not sell your e-mail address."),
                unit("We share your name with our service providers."));
        assertEquals(m.decide(group), PolarityModel.load(f).decide(group));
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
