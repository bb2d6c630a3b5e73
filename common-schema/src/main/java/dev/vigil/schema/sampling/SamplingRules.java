package dev.vigil.schema.sampling;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Log sampling rates, most specific first: {@code service:level}, then service, then level, then the
 * default. Errors and warnings, error events and slow requests are always kept.
 */
public class SamplingRules implements java.io.Serializable {
    private double defaultRate = 1.0;
    // looked up per sampled event: keyed by the event's own strings, so no key is built per event
    private final Map<String, Double> byService = new HashMap<>();
    private final Map<String, Double> byLevel = new HashMap<>();
    private final Map<String, Map<String, Double>> byServiceAndLevel = new HashMap<>();
    private double slowRequestMs = 1000;

    public SamplingRules defaultRate(double rate) {
        this.defaultRate = checkRate("default", rate);
        return this;
    }

    public SamplingRules serviceRate(String service, double rate) {
        byService.put(service, checkRate(service, rate));
        return this;
    }

    public SamplingRules levelRate(String level, double rate) {
        byLevel.put(level.toUpperCase(Locale.ROOT), checkRate(level, rate));
        return this;
    }

    public SamplingRules serviceLevelRate(String service, String level, double rate) {
        byServiceAndLevel
                .computeIfAbsent(service, s -> new HashMap<>())
                .put(level.toUpperCase(Locale.ROOT), checkRate(service + ":" + level, rate));
        return this;
    }

    /** Requests at least this slow (agent step duration_ms) are always kept. */
    public SamplingRules slowRequestMs(double ms) {
        this.slowRequestMs = ms;
        return this;
    }

    public double slowRequestMs() {
        return slowRequestMs;
    }

    double rateFor(String service, String level) {
        Double r = null;
        if (!byServiceAndLevel.isEmpty()) {
            Map<String, Double> levels = byServiceAndLevel.get(service);
            if (levels != null) r = levels.get(level);
        }
        if (r == null && !byService.isEmpty()) r = byService.get(service);
        if (r == null && !byLevel.isEmpty()) r = byLevel.get(level);
        return r == null ? defaultRate : r;
    }

    private static double checkRate(String what, double rate) {
        if (!(rate >= 0.0 && rate <= 1.0)) {
            throw new IllegalArgumentException(
                    "sampling rate for " + what + " must be between 0.0 and 1.0, got " + rate);
        }
        return rate;
    }
}
