package org.policyminer.batch;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * CPU time of the JVM's own threads (garbage collection, JIT compilers), read from Linux's per-thread
 * {@code /proc/self/task/*}{@code /stat}, so that a benchmark can tell how much of a process's CPU time the
 * pipeline itself took. The application's threads come and go (a batch run starts and ends its workers), so
 * their share is what the process used minus what the JVM's long-lived threads used. Elsewhere than on Linux
 * every snapshot is empty and only the process total is known.
 */
final class JvmThreads {

    /** Thread kinds by the prefix of the thread's name, as HotSpot names them. */
    private static final Map<String, String> KINDS = new LinkedHashMap<>();

    static {
        // The serial collector collects in the VM thread; G1, parallel and Z have threads of their own.
        for (String gc : new String[] {"GC Thread", "G1 ", "VM Thread", "ZWorker", "ZDriver", "ZDirector", "Shenandoah"}) {
            KINDS.put(gc, "garbage collection");
        }
        KINDS.put("C1 CompilerThre", "JIT compilers");
        KINDS.put("C2 CompilerThre", "JIT compilers");
    }

    /** Clock ticks per second of /proc's utime and stime (USER_HZ, 100 on every Linux kernel in use). */
    private static final double TICKS = 100;

    private JvmThreads() {
    }

    /** CPU seconds so far of the JVM's threads, by kind. */
    record Snapshot(Map<String, Double> seconds) {

        /**
         * Describes the interval from {@code before} to this snapshot, in which the whole process used
         * {@code processSeconds} of CPU: the JVM threads' kinds, and the rest as the application's.
         */
        String since(Snapshot before, double processSeconds) {
            if (seconds.isEmpty()) {
                return "not known on this system";
            }
            Map<String, Double> delta = new LinkedHashMap<>();
            double jvm = 0;
            for (Map.Entry<String, Double> e : seconds.entrySet()) {
                double d = Math.max(0, e.getValue() - before.seconds.getOrDefault(e.getKey(), 0.0));
                delta.put(e.getKey(), d);
                jvm += d;
            }
            StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "application %.1f s (%.0f%%)",
                    processSeconds - jvm, 100 * (processSeconds - jvm) / processSeconds));
            delta.forEach((kind, d) -> out.append(String.format(Locale.ROOT, ", %s %.1f s (%.0f%%)", kind, d,
                    100 * d / processSeconds)));
            return out.toString();
        }
    }

    /** The CPU seconds each kind of JVM thread has used so far (threads alive now). */
    static Snapshot snapshot() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        for (String kind : KINDS.values()) {
            seconds.putIfAbsent(kind, 0.0);
        }
        seconds.put("other JVM threads", 0.0);
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException e) {
                    continue; // the thread ended meanwhile
                }
                // "tid (name) state ...": the name may hold spaces and parentheses, so split after the last ')'.
                int close = stat.lastIndexOf(')');
                String name = stat.substring(stat.indexOf('(') + 1, close);
                String[] f = stat.substring(close + 2).split(" ");
                double cpu = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS;
                String kind = kind(name);
                if (kind != null) {
                    seconds.merge(kind, cpu, Double::sum);
                }
            }
        } catch (IOException | RuntimeException e) {
            return new Snapshot(Map.of());
        }
        return new Snapshot(seconds);
    }

    /** The kind of a JVM thread, "other JVM threads" for the JVM's remaining ones, null for the application's. */
    private static String kind(String name) {
        for (Map.Entry<String, String> e : KINDS.entrySet()) {
            if (name.startsWith(e.getKey())) {
                return e.getValue();
            }
        }
        // HotSpot's service threads; application threads (main, workers, reader) count as the application.
        for (String jvm : new String[] {"VM Periodic", "Service Thread", "Monitor Defla", "Signal Dispatch",
                "Finalizer", "Reference Handl", "Common-Cleaner", "Notification", "Attach Listene", "JFR "}) {
            if (name.startsWith(jvm)) {
                return "other JVM threads";
            }
        }
        return null;
    }
}
