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
    DELTA;

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
            default:
                return null;
        }
    }
}
