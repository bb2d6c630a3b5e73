package dev.vigil.bench.e2e;

/** What one job run measured. */
final class Measurement {
    String name;
    long events;
    double wallSeconds;
    /** Events per second between the source's first and last record (start-up excluded). */
    double eventsPerSecond;
    /** From the source's first record until the job finished: includes a sink's wait for its last answers. */
    double drainedSeconds;

    double cpuSeconds;
    double coresUsed;
    double eventsPerSecondPerCore;
    /** Cores the local stack's services used over the same span (NaN when their processes are unknown). */
    double stackCores;
    /** Of {@link #coresUsed}: the JIT compiler's threads ({@link CompilerCpu}, over the same span). */
    double jitCores;

    /** Of the repeated short runs: the slowest and fastest rate, the run above being the median (else NaN). */
    double slowestEventsPerSecond = Double.NaN;

    double fastestEventsPerSecond = Double.NaN;
    /** Of the repeated short runs: the unmeasured runs before them (0 for a single run). */
    int warmUps;

    long peakHeapMb;
    long checkpoints;
    long checkpointP50Ms;
    long checkpointMaxMs;
}
