package dev.vigil.runtime.detection.patterns;

import dev.vigil.runtime.detection.Observation;
import java.io.Serializable;

/**
 * When a window observation breaches: above its baseline times a factor, below a fraction of it, or
 * above a fixed limit. Baseline rules only judge warm baselines; thin windows (less weight than
 * {@code minWeight}) are never judged.
 */
public final class BreachRule implements Serializable {
    private static final long serialVersionUID = 1L;

    public enum Kind {
        ABOVE_BASELINE_FACTOR,
        BELOW_BASELINE_FRACTION,
        ABOVE_LIMIT
    }

    final String alertName;
    final String metric;
    final Kind kind;
    final double threshold;
    final long minWeight;
    final int windows;
    /** Summary text; {service}, {observed} and {baseline} are filled in. */
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
        if (!metric.equals(o.metric) || o.weight < minWeight) return false;
        return switch (kind) {
            case ABOVE_BASELINE_FACTOR -> o.warm && o.value > o.baseline * threshold;
            case BELOW_BASELINE_FRACTION -> o.warm && o.value < o.baseline * threshold;
            case ABOVE_LIMIT -> o.value > threshold;
        };
    }
}
