package dev.vigil.runtime.detection.patterns;

import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.config.VigilOptions;

/**
 * SeriesAnomaly: a window whose value the series detector ({@code detection.baseline.*}) scores at or above its
 * threshold, for any metric the job scores. One window is enough: the detector's score already weighs how rare
 * the point is for its series, and KNN-CAD stays silent after an alarm (one alert per incident).
 */
public final class SeriesAnomalyPattern {
    public static final String NAME = "SeriesAnomaly";

    private SeriesAnomalyPattern() {}

    /** Whether the jobs raise it ({@code detection.series-anomaly.enabled}). */
    public static boolean enabled(VigilConfig config) {
        return config.get(VigilOptions.SERIES_ANOMALY_ENABLED);
    }

    /** @param minWeight windows with less weight (requests, entrants) are not judged */
    public static BreachRule rule(long minWeight) {
        return new BreachRule(
                NAME,
                null,
                BreachRule.Kind.ANOMALOUS_SCORE,
                0,
                minWeight,
                1,
                "{metric} of {service} is {observed}, unusual for this series (its median {baseline})");
    }
}
