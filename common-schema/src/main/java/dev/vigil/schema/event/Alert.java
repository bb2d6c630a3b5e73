package dev.vigil.schema.event;

import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/** An alert raised by a detector in any job, written to the alerts topic for the alerting job. */
public class Alert {
    public static final String FIRING = "FIRING";
    public static final String RESOLVED = "RESOLVED";

    /** Stable identity of the condition (detector + series); one active alert per fingerprint. */
    public String fingerprint;
    /** Alertmanager's alertname, e.g. ErrorSpike, LatencyRegression. */
    public String name;
    /** info, warning or critical. */
    public String severity;
    /** FIRING or RESOLVED. */
    public String status;

    public String service;
    /** When the condition was detected (event time of the window that triggered it), epoch millis. */
    public long startsAt;
    /** Set when resolved, epoch millis; 0 while firing. */
    public long endsAt;

    public long windowStart;
    public long windowEnd;
    public double observed;
    public double baseline;

    @TypeInfo(StringMapTypeInfoFactory.class)
    public Map<String, String> labels;

    @TypeInfo(StringMapTypeInfoFactory.class)
    public Map<String, String> annotations;

    public Alert() {}

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof Alert)) return false;
        Alert a = (Alert) o;
        return startsAt == a.startsAt
                && endsAt == a.endsAt
                && windowStart == a.windowStart
                && windowEnd == a.windowEnd
                && Double.compare(observed, a.observed) == 0
                && Double.compare(baseline, a.baseline) == 0
                && Objects.equals(fingerprint, a.fingerprint)
                && Objects.equals(name, a.name)
                && Objects.equals(severity, a.severity)
                && Objects.equals(status, a.status)
                && Objects.equals(service, a.service)
                && Objects.equals(labels, a.labels)
                && Objects.equals(annotations, a.annotations);
    }

    @Override
    public int hashCode() {
        return Objects.hash(fingerprint, status, startsAt);
    }
}
