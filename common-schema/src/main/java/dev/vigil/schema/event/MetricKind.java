package dev.vigil.schema.event;

/** How a performance metric's value is to be read. */
public enum MetricKind {
    /** Monotonic total since process start; jobs turn it into deltas and rates, detecting resets. */
    COUNTER,
    /** A point-in-time reading (queue depth, memory in use). */
    GAUGE,
    /** Pre-bucketed observations: {@code bucketBounds}/{@code bucketCounts} instead of {@code value}. */
    HISTOGRAM,
    /** One duration observation, in {@code unit} (default milliseconds). */
    TIMER,
    /**
     * An increase since the series' previous report (OTLP's delta monotonic sums): summed as it is, no reset to
     * detect.
     */
    DELTA,
    /**
     * Bucket counts since the process started (Prometheus histograms, OTLP cumulative histograms): jobs difference
     * consecutive reports of an instance into {@link #HISTOGRAM}s, detecting restarts.
     */
    CUMULATIVE_HISTOGRAM;

    /** Whether the metric carries buckets instead of a value. */
    public boolean hasBuckets() {
        return this == HISTOGRAM || this == CUMULATIVE_HISTOGRAM;
    }

    public static MetricKind fromWireName(String name) {
        switch (name) {
            case "counter":
                return COUNTER;
            case "gauge":
                return GAUGE;
            case "histogram":
                return HISTOGRAM;
            case "timer":
                return TIMER;
            case "delta":
                return DELTA;
            case "cumulative_histogram":
                return CUMULATIVE_HISTOGRAM;
            default:
                return null;
        }
    }
}
