package dev.vigil.runtime.detection;

import java.util.Objects;

/**
 * One point of a monitored series: a window's value (p95 latency, error rate, requests, conversion),
 * then its baseline and score once {@link BaselineScorer} has judged it. Threshold patterns run on
 * these.
 */
public class Observation {
    /** The series, e.g. {@code latency_p95|checkout}; keys the baseline and the patterns. */
    public String series;

    public String service;
    /** What is measured, e.g. latency_p95, error_rate, requests, conversion. */
    public String metric;

    public long windowStart;
    public long windowEnd;
    public double value;
    /** How much data the value stands on (requests, funnel entries); patterns may skip thin windows. */
    public long weight;

    public double baseline;
    public double score;
    public boolean anomaly;
    /** True once the baseline is past its warm-up. */
    public boolean warm;
    /** What an alert about this point should add in words (KpiDrop: the step most users stopped at); empty if nothing. */
    public String detail = "";

    public Observation() {}

    public static Observation of(
            String metric,
            String service,
            String seriesSuffix,
            long windowStart,
            long windowEnd,
            double value,
            long weight) {
        Observation o = new Observation();
        o.metric = metric;
        o.service = service;
        o.series = seriesSuffix == null ? metric + "|" + service : metric + "|" + service + "|" + seriesSuffix;
        o.windowStart = windowStart;
        o.windowEnd = windowEnd;
        o.value = value;
        o.weight = weight;
        return o;
    }

    @Override
    public boolean equals(Object x) {
        if (this == x) return true;
        if (!(x instanceof Observation)) return false;
        Observation o = (Observation) x;
        return windowStart == o.windowStart
                && windowEnd == o.windowEnd
                && Double.compare(value, o.value) == 0
                && weight == o.weight
                && Double.compare(baseline, o.baseline) == 0
                && Double.compare(score, o.score) == 0
                && anomaly == o.anomaly
                && warm == o.warm
                && Objects.equals(series, o.series)
                && Objects.equals(service, o.service)
                && Objects.equals(metric, o.metric);
    }

    @Override
    public int hashCode() {
        return Objects.hash(series, windowStart);
    }

    @Override
    public String toString() {
        return series + "@" + windowStart + "=" + value + " (baseline " + baseline + ", score " + score + ")";
    }
}
