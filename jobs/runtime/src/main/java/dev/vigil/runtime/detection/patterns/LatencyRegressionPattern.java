package dev.vigil.runtime.detection.patterns;

import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.config.VigilOptions;

/** LatencyRegression: p95 latency above the baseline times {@code detection.latency-regression.factor} for k consecutive windows. */
public final class LatencyRegressionPattern {
    public static final String NAME = "LatencyRegression";
    public static final String METRIC = "latency_p95";

    private LatencyRegressionPattern() {}

    public static BreachRule rule(VigilConfig config) {
        return new BreachRule(
                NAME,
                METRIC,
                BreachRule.Kind.ABOVE_BASELINE_FACTOR,
                config.get(VigilOptions.LATENCY_FACTOR),
                config.get(VigilOptions.DETECTION_MIN_REQUESTS),
                config.get(VigilOptions.LATENCY_WINDOWS),
                "p95 latency of {service} is {observed}, above its baseline {baseline} for {windows} windows");
    }
}
