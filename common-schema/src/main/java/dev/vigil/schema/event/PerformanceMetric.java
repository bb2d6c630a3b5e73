package dev.vigil.schema.event;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/** Payload of a {@code performance_metric}. */
public class PerformanceMetric {
    public String name;
    public MetricKind kind;
    /** The observation for counter, gauge and timer; null for histograms. */
    public Double value;
    /** Histogram upper bounds (ascending, last may be +Inf) and counts per bucket, same length. */
    public double[] bucketBounds;

    public long[] bucketCounts;
    /** e.g. ms, s, bytes, percent, requests. */
    public String unit;
    /** Operation or endpoint, e.g. "GET /api/cart". */
    public String operation;

    @TypeInfo(StringMapTypeInfoFactory.class)
    public Map<String, String> tags;

    public ResourceUsage resource;

    public PerformanceMetric() {}

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof PerformanceMetric)) return false;
        PerformanceMetric m = (PerformanceMetric) o;
        return Objects.equals(name, m.name)
                && kind == m.kind
                && Objects.equals(value, m.value)
                && Arrays.equals(bucketBounds, m.bucketBounds)
                && Arrays.equals(bucketCounts, m.bucketCounts)
                && Objects.equals(unit, m.unit)
                && Objects.equals(operation, m.operation)
                && Objects.equals(tags, m.tags)
                && Objects.equals(resource, m.resource);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, kind, value, operation);
    }
}
