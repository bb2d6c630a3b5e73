package dev.vigil.workload;

/** What to generate: how many requests over which span of event time, from which seed. */
public final class WorkloadSpec {
    public final long startMillis;
    public final long endMillis;
    public final int requests;
    public final long seed;

    public WorkloadSpec(long startMillis, long endMillis, int requests, long seed) {
        if (endMillis <= startMillis) throw new IllegalArgumentException("the workload span must be positive");
        if (requests < 1) throw new IllegalArgumentException("requests must be >= 1");
        this.startMillis = startMillis;
        this.endMillis = endMillis;
        this.requests = requests;
        this.seed = seed;
    }

    /** The event time at a fraction of the span, where an injected incident begins. */
    long incidentStart(double fraction) {
        return startMillis + (long) ((endMillis - startMillis) * fraction);
    }
}
