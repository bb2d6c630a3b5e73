package dev.vigil.runtime.detection.patterns;

import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.config.VigilOptions;

/**
 * KpiDrop: a funnel's conversion (of the users entering it in a window, the share reaching its last
 * step) below {@code detection.kpi-drop.fraction} of its baseline for k consecutive windows; the
 * message names the step most users stopped at.
 */
public final class KpiDropPattern {
    public static final String NAME = "KpiDrop";
    public static final String METRIC = "conversion";

    private KpiDropPattern() {}

    public static BreachRule rule(VigilConfig config) {
        return new BreachRule(
                NAME,
                METRIC,
                BreachRule.Kind.BELOW_BASELINE_FRACTION,
                config.get(VigilOptions.KPI_DROP_FRACTION),
                config.get(VigilOptions.KPI_DROP_MIN_ENTRIES),
                config.get(VigilOptions.KPI_DROP_WINDOWS),
                "conversion of {service} is {observed}, below its baseline {baseline} for {windows} windows{detail}");
    }
}
