package dev.vigil.bench.e2e;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CPU time of the local stack's services (Kafka, Elasticsearch, TimescaleDB with its backends, S3, Redis…):
 * the processes named in {@code .vigil/run/*.pid} and their descendants, from {@code /proc}. They share this
 * machine's cores with the benchmark, so a job's rate with real sinks is bound by what both use together.
 */
final class StackCpu {
    static final double TICKS_PER_SECOND = 100; // USER_HZ on Linux x86-64 and arm64
    private final List<Long> roots = new ArrayList<>();

    StackCpu(Path runDir) {
        if (!Files.isDirectory(runDir)) return;
        try (DirectoryStream<Path> pids = Files.newDirectoryStream(runDir, "*.pid")) {
            for (Path p : pids) {
                try {
                    roots.add(Long.parseLong(Files.readString(p).trim()));
                } catch (IOException | NumberFormatException e) {
                    // a service that is not running has nothing to count
                }
            }
        } catch (IOException e) {
            // no stack processes to count
        }
    }

    /** The fields of a {@code /proc/<pid>/stat} line after its command name (state first; utime and stime at 11, 12). */
    static String[] fields(String stat) {
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }

    /** Seconds of CPU (user + system) the stack's processes have used so far; NaN when none is known. */
    double seconds() {
        if (roots.isEmpty()) return Double.NaN;
        Map<Long, Long> parent = new HashMap<>();
        Map<Long, Long> ticks = new HashMap<>();
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path p : procs) {
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    String[] f = fields(stat);
                    long pid = Long.parseLong(p.getFileName().toString());
                    parent.put(pid, Long.parseLong(f[1]));
                    // utime + stime, and cutime + cstime: a child that ended (a PostgreSQL backend whose
                    // connection closed) leaves /proc, and its CPU moves into its parent's once the parent reaps
                    // it; without those the sum fell during a run (negative stack cores)
                    ticks.put(
                            pid,
                            Long.parseLong(f[11])
                                    + Long.parseLong(f[12])
                                    + Long.parseLong(f[13])
                                    + Long.parseLong(f[14]));
                } catch (IOException | RuntimeException e) {
                    // the process ended while being read
                }
            }
        } catch (IOException e) {
            return Double.NaN;
        }
        Set<Long> counted = new HashSet<>(roots);
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Map.Entry<Long, Long> e : parent.entrySet())
                if (counted.contains(e.getValue()) && counted.add(e.getKey())) grew = true;
        }
        long sum = 0;
        for (long pid : counted) sum += ticks.getOrDefault(pid, 0L);
        return sum / TICKS_PER_SECOND;
    }
}
