package dev.vigil.workload;

import java.util.regex.Pattern;

/**
 * What to generate: how many requests over which span of event time, from which seed, and a run tag in the request,
 * session, user and error-spike IDs (empty: the seed's IDs alone).
 */
public final class WorkloadSpec {
    private static final Pattern RUN_TAG = Pattern.compile("[a-z0-9]{0,16}");

    public final long startMillis;
    public final long endMillis;
    public final int requests;
    public final long seed;
    /**
     * Set by the demo to its start time, so that a second run on the same stack does not reuse the first one's request
     * IDs (its requests would join the first run's in the hot tier and in searches by request). The records drawn from
     * the seed are the same; the IDs change, and what follows from them (a record's Kafka partition, whether a request
     * is sampled).
     */
    public final String runTag;

    public WorkloadSpec(long startMillis, long endMillis, int requests, long seed) {
        this(startMillis, endMillis, requests, seed, "");
    }

    public WorkloadSpec(long startMillis, long endMillis, int requests, long seed, String runTag) {
        if (endMillis <= startMillis) throw new IllegalArgumentException("the workload span must be positive");
        if (requests < 1) throw new IllegalArgumentException("requests must be >= 1");
        if (!RUN_TAG.matcher(runTag).matches())
            throw new IllegalArgumentException("the run tag must be at most 16 of a-z and 0-9, got " + runTag);
        this.startMillis = startMillis;
        this.endMillis = endMillis;
        this.requests = requests;
        this.seed = seed;
        this.runTag = runTag;
    }

    /** {@code kind}, a dash and the run tag with its dash when there is one: the start of an ID. */
    String idPrefix(String kind) {
        return runTag.isEmpty() ? kind + "-" : kind + "-" + runTag + "-";
    }

    /** The event time at a fraction of the span, where an injected incident begins. */
    long incidentStart(double fraction) {
        return startMillis + (long) ((endMillis - startMillis) * fraction);
    }
}
