import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Times pipeline stages of several policyminer jars in one JVM: each jar gets its own class loader and its own
 * copy of {@link StageHarness}, and the stages run alternately, jar after jar, round after round, so that a busy
 * machine slows every jar alike. Prints per stage the median and minimum thread CPU time of each jar (the first
 * rounds are JIT warm-up and not counted), the new/old ratio for two jars, and a checksum of what each jar
 * produced: equal checksums mean equal results.
 *
 * <p>Usage: {@code StageCompare INPUT DOCS ROUNDS STAGE,STAGE... JAR...}, with the harness classes in the
 * directory named by the system property {@code stages.classes}.
 */
public final class StageCompare {

    private static final int WARM_UP_ROUNDS = 2;

    private StageCompare() {
    }

    public static void main(String[] a) throws Exception {
        String input = a[0];
        int limit = Integer.parseInt(a[1]);
        int rounds = Integer.parseInt(a[2]);
        List<String> stages = List.of(a[3].split(","));
        List<String> jars = List.of(a).subList(4, a.length);
        URL harness = Path.of(System.getProperty("stages.classes")).toUri().toURL();
        Path out = Files.createTempDirectory("stages");
        List<Method> round = new ArrayList<>();
        for (int j = 0; j < jars.size(); j++) {
            ClassLoader cl = new URLClassLoader(new URL[] {harness, Path.of(jars.get(j)).toUri().toURL()},
                    ClassLoader.getPlatformClassLoader());
            Thread.currentThread().setContextClassLoader(cl);
            Class<?> c = Class.forName("StageHarness", true, cl);
            System.out.println(jars.get(j) + ": " + c.getMethod("prepare", String.class, int.class, String.class)
                    .invoke(null, input, limit, out.resolve("jar" + j).toString()));
            round.add(c.getMethod("round", String.class));
        }
        Map<String, double[][]> seconds = new LinkedHashMap<>();
        Map<String, String> sums = new HashMap<>();
        for (String s : stages) {
            seconds.put(s, new double[jars.size()][rounds]);
        }
        for (int r = 0; r < rounds; r++) {
            for (String s : stages) {
                for (int k = 0; k < jars.size(); k++) {
                    // Every other round in reverse order: neither jar always runs right after the other.
                    int j = r % 2 == 0 ? k : jars.size() - 1 - k;
                    String[] res = ((String) round.get(j).invoke(null, s)).split(" ");
                    seconds.get(s)[j][r] = Double.parseDouble(res[0]);
                    sums.put(s + j, res[1]);
                }
            }
        }
        int warm = Math.min(WARM_UP_ROUNDS, rounds - 1);
        for (String s : stages) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-9s", s));
            double[] median = new double[jars.size()];
            for (int j = 0; j < jars.size(); j++) {
                double[] v = Arrays.copyOfRange(seconds.get(s)[j], warm, rounds);
                Arrays.sort(v);
                median[j] = v[v.length / 2];
                line.append(String.format(Locale.ROOT, "  jar%d median %.3f s (min %.3f) checksum %s", j, median[j],
                        v[0], sums.get(s + j)));
            }
            if (jars.size() == 2) {
                line.append(String.format(Locale.ROOT, "  new/old %.3f", median[1] / median[0]));
            }
            System.out.println(line);
        }
    }
}
