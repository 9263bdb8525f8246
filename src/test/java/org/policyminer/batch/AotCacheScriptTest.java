package org.policyminer.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's AOT cache logic ({@code scripts/lib/jvm.sh}): when it trains a cache, when it reuses one, and that
 * it stays out of the way unless switched on, on older JDKs and after a failed training. A stand-in {@code java}
 * reports the version it is told and records every training run, so each case takes milliseconds (a real training
 * run takes half a minute; the real JVM's use of the cache is what {@code scripts/bench-batch} measures).
 */
class AotCacheScriptTest {

    @TempDir
    Path dir;

    private Path java;
    private Path jar;
    private Path trainings;

    @BeforeEach
    void fakeJava() throws IOException {
        java = dir.resolve("jdk/bin/java");
        Files.createDirectories(java.getParent());
        trainings = dir.resolve("trainings.log");
        Files.writeString(java, """
                #!/usr/bin/env bash
                for a in "$@"; do
                  case "$a" in
                    -XshowSettings:properties)
                      echo "    java.home = $FAKE_HOME"
                      echo "    java.specification.version = $FAKE_VERSION"
                      echo "    java.vm.version = $FAKE_BUILD"
                      exit 0 ;;
                    -XX:AOTCacheOutput=*)
                      echo "$@" >> "$FAKE_TRAININGS"
                      [ -n "${FAKE_FAIL:-}" ] && { echo "training failed" >&2; exit 1; }
                      echo cache > "${a#-XX:AOTCacheOutput=}"
                      exit 0 ;;
                  esac
                done
                exit 2
                """);
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        jar = dir.resolve("target/policyminer.jar");
        Files.createDirectories(jar.getParent());
        Files.writeString(jar, "jar");
    }

    @Test
    void trainsOnceThenReusesTheCacheUntilTheJarOrTheJvmChanges() throws Exception {
        String use = "-XX:AOTCache=" + dir.resolve("target/policyminer.aot");
        assertEquals(use, aotOpts(Map.of()));
        assertEquals(1, trainingRuns());
        assertTrue(Files.readString(trainings).contains("org.policyminer.batch.Benchmark"), "trains on the benchmark");
        assertTrue(Files.readString(trainings).contains("/corpus"), "trains on the bundled corpus");
        assertEquals(use, aotOpts(Map.of()));
        assertEquals(1, trainingRuns(), "a fresh cache is reused");

        newerJar();
        assertEquals(use, aotOpts(Map.of()));
        assertEquals(2, trainingRuns(), "a rebuilt jar retrains");

        assertEquals(use, aotOpts(Map.of("FAKE_BUILD", "25.0.4+1")));
        assertEquals(3, trainingRuns(), "another JVM build retrains");
    }

    @Test
    void aFailedTrainingRunsWithoutACacheAndIsNotRetriedForTheSameJar() throws Exception {
        assertEquals("", aotOpts(Map.of("FAKE_FAIL", "yes")));
        assertEquals("", aotOpts(Map.of("FAKE_FAIL", "yes")));
        assertEquals(1, trainingRuns());
        assertTrue(Files.isRegularFile(dir.resolve("target/policyminer.aot.log")), "the failed run's log is kept");

        newerJar();
        assertEquals("-XX:AOTCache=" + dir.resolve("target/policyminer.aot"), aotOpts(Map.of()));
        assertEquals(2, trainingRuns());
    }

    @Test
    void nothingOnJdk21OrUnlessSwitchedOn() throws Exception {
        assertEquals("", aotOpts(Map.of("FAKE_VERSION", "21")));
        assertEquals("", aotOpts(Map.of("POLICYMINER_AOT", "off")));
        assertEquals("", aotOpts(Map.of("POLICYMINER_AOT", "")), "off unless asked for");
        assertEquals(0, trainingRuns());
    }

    /** Rebuilds the jar: what the launcher made from the old one (cache, log) is now older than it. */
    private void newerJar() throws IOException {
        Files.writeString(jar, "rebuilt jar");
        for (String made : new String[] {"policyminer.aot", "policyminer.aot.log"}) {
            Path p = jar.resolveSibling(made);
            if (Files.exists(p)) {
                assertTrue(p.toFile().setLastModified(System.currentTimeMillis() - 60_000));
            }
        }
    }

    private int trainingRuns() throws IOException {
        return Files.exists(trainings) ? Files.readAllLines(trainings).size() : 0;
    }

    /** What {@code aot_opts JAVA JAR} prints, with the stand-in JVM's answers set by {@code env}. */
    private String aotOpts(Map<String, String> env) throws Exception {
        Path scripts = Path.of("scripts/lib").toAbsolutePath();
        ProcessBuilder pb = new ProcessBuilder("bash", "-c",
                ". \"$0/java21.sh\"; . \"$0/jvm.sh\"; aot_opts \"$1\" \"$2\"", scripts.toString(), java.toString(),
                jar.toString());
        pb.environment().remove("POLICYMINER_AOT");
        pb.environment().putAll(Map.of("FAKE_HOME", java.getParent().getParent().toString(), "FAKE_VERSION", "25",
                "FAKE_BUILD", "25.0.3+9", "FAKE_TRAININGS", trainings.toString(), "TMPDIR", dir.toString(),
                "POLICYMINER_AOT", "on"));
        pb.environment().putAll(env);
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), "aot_opts never fails the launcher");
        return out;
    }
}
