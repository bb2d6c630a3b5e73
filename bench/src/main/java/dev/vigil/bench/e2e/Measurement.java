package dev.vigil.bench.e2e;

/** What one job run measured. */
final class Measurement {
    String name;
    long events;
    double wallSeconds;
    /** Events per second between the source's first and last record (start-up excluded). */
    double eventsPerSecond;
    double cpuSeconds;
    double coresUsed;
    double eventsPerSecondPerCore;
    long peakHeapMb;
    long checkpoints;
    long checkpointP50Ms;
    long checkpointMaxMs;
}
