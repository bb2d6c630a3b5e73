package dev.vigil.bench.e2e;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of this JVM's JIT compiler threads, from {@code /proc/self/task}: a job's first seconds in a JVM are
 * partly its compilation, which shares the cores with the job. (HotSpot's own compilation time counts elapsed time
 * per compiler thread, waiting for a core included: on two busy cores it read twice the CPU they used.)
 */
final class CompilerCpu {
    private CompilerCpu() {}

    /** Seconds of CPU (user + system) the live compiler threads have used so far; NaN without /proc. */
    static double seconds() {
        long ticks = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path t : tasks) {
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    if (!name.startsWith("C1 CompilerThre") && !name.startsWith("C2 CompilerThre")) continue;
                    String[] f = StackCpu.fields(stat);
                    ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                } catch (IOException | RuntimeException e) {
                    // the thread ended while being read
                }
            }
        } catch (IOException e) {
            return Double.NaN;
        }
        return ticks / StackCpu.TICKS_PER_SECOND;
    }
}
