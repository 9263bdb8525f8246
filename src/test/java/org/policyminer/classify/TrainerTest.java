package org.policyminer.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {

    /** A small two-topic corpus: security sentences and retention sentences, in ten "policies". */
    static List<Trainer.Example> toyData() {
        String[] security = {"We use encryption to protect your data.", "Our servers are protected by firewalls.",
                "We use SSL to secure transmissions.", "Access to data is restricted to authorised staff.",
                "We take reasonable security measures to protect information."};
        String[] retention = {"We keep your data for two years.", "Logs are deleted after 30 days.",
                "We retain information as long as your account is active.", "Records are stored for five years.",
                "Data is erased when no longer needed."};
        List<Trainer.Example> out = new ArrayList<>();
        for (int p = 0; p < 10; p++) {
            for (int i = 0; i < 5; i++) {
                out.add(new Trainer.Example(Unit.of(security[(i + p) % 5]), Set.of("security"), "p" + p));
                out.add(new Trainer.Example(Unit.of(retention[(i + p) % 5]), Set.of("retention"), "p" + p));
            }
        }
        return out;
    }

    @Test
    void learnsSeparableTopicsAndGeneralises() {
        ModelClassifier m = Trainer.train(toyData(), Trainer.Options.standard(7), "toy");
        assertEquals(List.of("retention", "security"), m.labels());
        assertTrue(m.predict(Unit.of("We encrypt data to protect it.")).categories().contains("security"));
        assertTrue(m.predict(Unit.of("We retain your data for three years.")).categories().contains("retention"));
        assertFalse(m.predict(Unit.of("We retain your data for three years.")).categories().contains("security"));
        m.predict(Unit.of("anything")).scores().values().forEach(s -> assertTrue(s >= 0 && s <= 1, "score " + s));
    }

    @Test
    void sameSeedSameModel(@TempDir Path dir) throws Exception {
        Trainer.train(toyData(), Trainer.Options.standard(3), "toy").save(dir.resolve("a.model"));
        Trainer.train(toyData(), Trainer.Options.standard(3), "toy").save(dir.resolve("b.model"));
        assertArrayEquals(Files.readAllBytes(dir.resolve("a.model")), Files.readAllBytes(dir.resolve("b.model")));
    }

    @Test
    void savedModelScoresLikeTheOriginal(@TempDir Path dir) throws Exception {
        ModelClassifier m = Trainer.train(toyData(), Trainer.Options.standard(1), "toy");
        m.save(dir.resolve("m.model"));
        ModelClassifier loaded = ModelClassifier.load(dir.resolve("m.model"));
        Unit u = Unit.of("Your data is kept for two years and protected with encryption.");
        assertEquals(m.predict(u).categories(), loaded.predict(u).categories());
        m.predict(u).scores().forEach((id, s) -> assertEquals(s, loaded.predict(u).scores().get(id), 0.01, id));
        assertEquals(m.thresholds(), loaded.thresholds());
        assertTrue(loaded.description().contains("toy"));
    }

    @Test
    void neighbourVotesSurviveSaving(@TempDir Path dir) throws Exception {
        ModelClassifier m = Trainer.train(toyData(), Trainer.Options.standard(1).withNeighbours(5), "toy");
        assertTrue(m.description().contains("5 nearest"), m.description());
        m.save(dir.resolve("m.model"));
        ModelClassifier loaded = ModelClassifier.load(dir.resolve("m.model"));
        for (String text : List.of("Logs are deleted after 30 days.", "We use encryption and keep data for a year.")) {
            Unit u = Unit.of(text);
            assertEquals(m.predict(u).categories(), loaded.predict(u).categories(), text);
            m.predict(u).scores().forEach((id, s) -> assertEquals(s, loaded.predict(u).scores().get(id), 0.01, id));
        }
        assertTrue(loaded.predict(Unit.of("Logs are deleted after 30 days.")).categories().contains("retention"));
    }

    @Test
    void categoriesTheDataLacksComeFromTheLexicon() {
        ModelClassifier m = Trainer.train(toyData(), Trainer.Options.standard(1), "toy");
        ClauseClassifier.Prediction p = m.predict(Unit.of(
                "We process your data on the legal basis of our legitimate interests."));
        assertTrue(p.categories().contains("legal-basis"), p.toString());
        ClauseClassifier.Prediction r = m.predict(Unit.of("You have the right to data portability."));
        assertTrue(r.scores().containsKey("rights"));
    }

    @Test
    void plattCalibrationAndThresholds() {
        double[] z = {-3, -2, -1, 1, 2, 3};
        boolean[] gold = {false, false, false, true, true, true};
        double[][] x = java.util.Arrays.stream(z).mapToObj(v -> new double[]{v}).toArray(double[][]::new);
        double[] ab = Calibration.fit(x, gold, 0);
        assertTrue(ab[0] > 0, "scores rise with the logit");
        assertTrue(Double.isFinite(ab[0]) && Double.isFinite(ab[1]), "separable data must not diverge");
        double t = Trainer.bestThreshold(new double[]{0.1, 0.2, 0.3, 0.7, 0.8, 0.9}, gold);
        assertTrue(t > 0.3 && t <= 0.7, "threshold " + t);
    }

    @Test
    void foldsKeepGroupsTogether() {
        List<String> groups = List.of("a", "a", "b", "c", "b", "d", "a");
        int[] f = Trainer.folds(groups, 2, 9);
        assertEquals(f[0], f[1]);
        assertEquals(f[0], f[6]);
        assertEquals(f[2], f[4]);
        assertArrayEquals(f, Trainer.folds(groups, 2, 9));
    }
}
