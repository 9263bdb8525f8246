import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The extraction stage alone, one jar against another in one JVM (each jar in its own class loader), so that both
 * see the same load on a shared machine: annotates the documents of the given folders without attributes (tokens
 * and tags on) with each jar, then times Extractor.extract over all of them on one thread, the jars alternated pass
 * by pass after a warm-up, in thread CPU time. Prints the median per jar, their ratio, and a hash of what each
 * extracted (attributes, polarity, modality), which must agree. Launched by scripts/bench-extract.
 *
 * <p>Usage: {@code java BenchExtract.java OLD.jar NEW.jar FOLDER...}; system properties: {@code rounds} (default
 * 7), {@code rulesOnly} (true: the extractor without the learned polarity model), {@code polarityOnly} (true: time
 * only the learned polarity model, PolarityModel.decideAll, on what it reads of each extracted clause).
 */
public class BenchExtract {

    /** One jar's extractor and the documents its own pipeline annotated. */
    private record Side(String name, Object extractor, Method extract, List<Object[]> docs, Method attributes,
                        Method polarity, Method modality, Object model, Method decideAll) {
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(System.getProperty("rounds", "7"));
        List<Path> files = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            try (Stream<Path> s = Files.walk(Path.of(args[i]))) {
                files.addAll(s.filter(Files::isRegularFile).sorted().toList());
            }
        }
        List<Side> sides = List.of(side(Path.of(args[0]), files), side(Path.of(args[1]), files));
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long[] hash = new long[2];
        for (int w = 0; w < 3; w++) {
            for (int j = 0; j < 2; j++) {
                hash[j] = run(sides.get(j));
            }
        }
        List<List<Double>> ms = List.of(new ArrayList<>(), new ArrayList<>());
        for (int r = 0; r < rounds; r++) {
            // Old first, then new first: neither always runs right after the other.
            for (int k = 0; k < 2; k++) {
                int j = (r + k) % 2;
                long t0 = mx.getCurrentThreadCpuTime();
                long h = run(sides.get(j));
                ms.get(j).add((mx.getCurrentThreadCpuTime() - t0) / 1e6);
                if (h != hash[j]) {
                    throw new IllegalStateException("extraction is not deterministic");
                }
            }
        }
        int clauses = sides.get(0).docs().stream().mapToInt(d -> ((List<?>) d[3]).size()).sum();
        double[] median = new double[2];
        for (int j = 0; j < 2; j++) {
            List<Double> sorted = new ArrayList<>(ms.get(j));
            sorted.sort(null);
            median[j] = sorted.get(sorted.size() / 2);
            System.out.printf("%-28s hash %016x median %7.1f ms CPU per pass over %d docs, %d clauses %s%n",
                    sides.get(j).name(), hash[j], median[j], sides.get(j).docs().size(), clauses, round(ms.get(j)));
        }
        // The load of a shared machine drifts between rounds: the ratio within each round is the steadier figure.
        List<Double> ratios = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            ratios.add(ms.get(1).get(r) / ms.get(0).get(r));
        }
        ratios.sort(null);
        double ratio = ratios.get(rounds / 2);
        System.out.printf("new/old CPU: median of per-round ratios %.3f (speed-up %.2fx), ratio of medians %.3f; outputs %s%n",
                ratio, 1 / ratio, median[1] / median[0], hash[0] == hash[1] ? "identical" : "DIFFER");
    }

    private static List<Long> round(List<Double> ms) {
        return ms.stream().map(Math::round).toList();
    }

    private static Side side(Path jar, List<Path> files) throws Exception {
        ClassLoader cl = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        Class<?> minerClass = cl.loadClass("org.policyminer.PolicyMiner");
        Object builder = minerClass.getMethod("builder").invoke(null);
        builder.getClass().getMethod("attributes", boolean.class).invoke(builder, false);
        builder.getClass().getMethod("tokens", boolean.class).invoke(builder, true);
        Object miner = builder.getClass().getMethod("build").invoke(builder);
        Class<?> sourceClass = cl.loadClass("org.policyminer.ingest.Source");
        Constructor<?> source = sourceClass.getConstructor(String.class, String.class, byte[].class, String.class);
        Method annotate = minerClass.getMethod("annotate", sourceClass);
        Class<?> docClass = cl.loadClass("org.policyminer.doc.AnnotatedDocument");
        List<Object[]> docs = new ArrayList<>();
        for (Path f : files) {
            Object d;
            try {
                d = annotate.invoke(miner, source.newInstance(f.getFileName().toString(), f.toString(),
                        Files.readAllBytes(f), null));
            } catch (Exception e) {
                continue; // Unreadable documents are not extracted by the pipeline either.
            }
            if (docClass.getMethod("status").invoke(d).toString().equals("ANNOTATED")) {
                docs.add(new Object[] {docClass.getMethod("docId").invoke(d), docClass.getMethod("title").invoke(d),
                        docClass.getMethod("text").invoke(d), docClass.getMethod("clauses").invoke(d)});
            }
        }
        Class<?> extractorClass = cl.loadClass("org.policyminer.extract.Extractor");
        Object extractor = extractorClass.getMethod(Boolean.getBoolean("rulesOnly") ? "rulesOnly" : "bundled").invoke(null);
        Method extract = extractorClass.getMethod("extract", String.class, String.class, String.class, List.class);
        Class<?> clauseClass = cl.loadClass("org.policyminer.doc.Clause");
        Object model = null;
        Method decideAll = null;
        if (Boolean.getBoolean("polarityOnly")) {
            // What the model reads of each clause once extracted (its attributes are cues), as the evaluation does.
            Class<?> modelClass = cl.loadClass("org.policyminer.extract.PolarityModel");
            model = ((java.util.Optional<?>) modelClass.getMethod("bundled").invoke(null)).orElseThrow();
            decideAll = modelClass.getMethod("decideAll", List.class, List.class);
            Class<?> around = cl.loadClass("org.policyminer.extract.Extractor$Surroundings");
            Method of = around.getMethod("of", clauseClass, List.class, String.class);
            Method unit = extractorClass.getMethod("polarityUnit", clauseClass, String.class, around);
            for (Object[] d : docs) {
                List<Object> units = new ArrayList<>();
                for (Object c : (List<?>) extract.invoke(extractor, d[0], d[1], d[2], d[3])) {
                    units.add(unit.invoke(extractor, c, d[2], of.invoke(null, c, d[3], d[2])));
                }
                d[0] = units;
            }
        }
        return new Side(jar.getFileName().toString(), extractor, extract, docs, clauseClass.getMethod("attributes"),
                clauseClass.getMethod("polarity"), clauseClass.getMethod("modality"), model, decideAll);
    }

    private static long run(Side s) throws Exception {
        long h = 1;
        if (s.model() != null) {
            for (Object[] d : s.docs()) {
                // Enum hash codes differ between class loaders: hash the names.
                h = h * 31 + s.decideAll().invoke(s.model(), d[3], d[0]).toString().hashCode();
            }
            return h;
        }
        for (Object[] d : s.docs()) {
            for (Object c : (List<?>) s.extract().invoke(s.extractor(), d[0], d[1], d[2], d[3])) {
                // Only what extraction adds: the clause record also holds arrays, whose toString differs across JVMs.
                h = h * 31 + (s.attributes().invoke(c) + " " + s.polarity().invoke(c) + " " + s.modality().invoke(c))
                        .hashCode();
            }
        }
        return h;
    }
}
