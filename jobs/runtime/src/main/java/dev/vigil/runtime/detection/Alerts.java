package dev.vigil.runtime.detection;

import dev.vigil.schema.event.Alert;
import dev.vigil.schema.parse.ContentHash;
import java.util.LinkedHashMap;
import java.util.Locale;

/** Builds the alert events detectors emit; the alerting job adds routing, links and escalation. */
public final class Alerts {
    private Alerts() {}

    /**
     * A firing alert. Its fingerprint depends only on the alert name and the series, so every report
     * of one condition lands on the same active alert, whatever its severity becomes.
     */
    public static Alert firing(
            String name,
            String severity,
            String service,
            String series,
            long windowStart,
            long windowEnd,
            double observed,
            double baseline,
            String summary) {
        Alert a = new Alert();
        a.fingerprint = fingerprint(name, series);
        a.name = name;
        a.severity = severity;
        a.status = Alert.FIRING;
        a.service = service;
        a.startsAt = windowEnd;
        a.windowStart = windowStart;
        a.windowEnd = windowEnd;
        a.observed = observed;
        a.baseline = baseline;
        a.labels = new LinkedHashMap<>();
        a.labels.put("alertname", name);
        a.labels.put("service", service);
        a.labels.put("series", series);
        a.annotations = new LinkedHashMap<>();
        a.annotations.put("summary", summary);
        a.annotations.put("observed", format(observed));
        a.annotations.put("baseline", format(baseline));
        return a;
    }

    /** A firing alert for a window observation that breached its threshold. */
    public static Alert of(String name, Observation o, String summary) {
        return firing(name, "warning", o.service, o.series, o.windowStart, o.windowEnd, o.value, o.baseline, summary);
    }

    public static String fingerprint(String name, String series) {
        return ContentHash.hex64(name + "\u0000" + series);
    }

    public static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
