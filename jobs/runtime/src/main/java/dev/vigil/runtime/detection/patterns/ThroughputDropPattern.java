package dev.vigil.runtime.detection.patterns;

import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.config.VigilOptions;

/** ThroughputDrop: requests per window below {@code detection.throughput-drop.fraction} of the baseline for k consecutive windows. */
public final class ThroughputDropPattern {
    public static final String NAME = "ThroughputDrop";
    public static final String METRIC = "requests";

    private ThroughputDropPattern() {}

    public static BreachRule rule(VigilConfig config) {
        return new BreachRule(
                NAME,
                METRIC,
                BreachRule.Kind.BELOW_BASELINE_FRACTION,
                config.get(VigilOptions.THROUGHPUT_FRACTION),
                0,
                config.get(VigilOptions.THROUGHPUT_WINDOWS),
                "{service} handled {observed} requests per window, below its baseline {baseline} for {windows} windows");
    }
}
