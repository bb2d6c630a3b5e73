package dev.vigil.runtime.detection.patterns;

import dev.vigil.runtime.detection.Observation;
import java.io.Serializable;

/**
 * When a window observation breaches: above its baseline times a factor, below a fraction of it, above
 * a fixed limit, or scored anomalous by the series detector. Baseline rules only judge warm baselines;
 * thin windows (less weight than {@code minWeight}) are never judged. A rule without a metric judges
 * every metric.
 */
public final class BreachRule implements Serializable {
    private static final long serialVersionUID = 1L;

    public enum Kind {
        ABOVE_BASELINE_FACTOR,
        BELOW_BASELINE_FRACTION,
        ABOVE_LIMIT,
        /** The series detector's score reached {@code detection.baseline.threshold} ({@link Observation#anomaly}). */
        ANOMALOUS_SCORE
    }

    final String alertName;
    final String metric;
    final Kind kind;
    final double threshold;
    final long minWeight;
    final int windows;
    /** Summary text; {service}, {metric}, {observed} and {baseline} are filled in. */
    final String summary;

    public BreachRule(
            String alertName, String metric, Kind kind, double threshold, long minWeight, int windows, String summary) {
        this.alertName = alertName;
        this.metric = metric;
        this.kind = kind;
        this.threshold = threshold;
        this.minWeight = minWeight;
        this.windows = windows;
        this.summary = summary;
    }

    public boolean breached(Observation o) {
        if ((metric != null && !metric.equals(o.metric)) || o.weight < minWeight) return false;
        return switch (kind) {
            case ABOVE_BASELINE_FACTOR -> o.warm && o.value > o.baseline * threshold;
            case BELOW_BASELINE_FRACTION -> o.warm && o.value < o.baseline * threshold;
            case ABOVE_LIMIT -> o.value > threshold;
            case ANOMALOUS_SCORE -> o.anomaly;
        };
    }
}
