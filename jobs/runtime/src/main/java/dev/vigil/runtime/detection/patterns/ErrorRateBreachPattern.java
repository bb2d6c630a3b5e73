package dev.vigil.runtime.detection.patterns;

import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.config.VigilOptions;

/** ErrorRateBreach: share of 5xx requests above {@code detection.error-rate.threshold} for k consecutive windows. */
public final class ErrorRateBreachPattern {
    public static final String NAME = "ErrorRateBreach";
    public static final String METRIC = "error_rate";

    private ErrorRateBreachPattern() {}

    public static BreachRule rule(VigilConfig config) {
        return new BreachRule(
                NAME,
                METRIC,
                BreachRule.Kind.ABOVE_LIMIT,
                config.get(VigilOptions.ERROR_RATE_THRESHOLD),
                config.get(VigilOptions.DETECTION_MIN_REQUESTS),
                config.get(VigilOptions.ERROR_RATE_WINDOWS),
                "{service} fails {observed} of its requests (limit exceeded for {windows} windows; usual share {baseline})");
    }
}
