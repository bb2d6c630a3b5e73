package dev.vigil.schema.otlp;

import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;

/**
 * An OTLP exponential histogram point as explicit upper bounds with counts, the contract's histogram form. Bucket
 * {@code i} of the positive range holds values in (base^i, base^(i+1)] with base = 2^(2^-scale); of the negative
 * range, values in [-base^(i+1), -base^i); the zero bucket [-threshold, threshold]. Each becomes its upper bound:
 * base^(i+1), -base^i and the threshold. Empty buckets are left out (the next bound above still bounds what it
 * holds).
 *
 * <p>Error bound: a value is reported by an upper bound at most {@code base} times its own magnitude, so a relative
 * error of at most base - 1 (9.05% at scale 3, 4.43% at scale 4; the SDK's default starts at scale 20 and lowers it
 * to fit 160 buckets). Points with more non-empty buckets than the contract allows are coarsened by merging
 * neighbours pairwise, as lowering the scale by one does, which squares the base for each step. Counts are exact.
 */
public final class ExponentialBuckets {
    private ExponentialBuckets() {}

    /** Ascending upper bounds and their counts. */
    public record Explicit(double[] bounds, long[] counts) {}

    public static Explicit toExplicit(ExponentialHistogramDataPoint p, int maxBuckets) {
        ExponentialHistogramDataPoint.Buckets neg = p.getNegative();
        ExponentialHistogramDataPoint.Buckets pos = p.getPositive();
        int capacity = neg.getBucketCountsCount() + pos.getBucketCountsCount() + 1;
        double[] bounds = new double[capacity];
        long[] counts = new long[capacity];
        double exponentStep = Math.scalb(1.0, -p.getScale()); // log2(base)
        int n = 0;
        for (int k = neg.getBucketCountsCount() - 1; k >= 0; k--) {
            long c = neg.getBucketCounts(k);
            if (c == 0) continue;
            bounds[n] = -Math.pow(2, (neg.getOffset() + k) * exponentStep);
            counts[n++] = c;
        }
        if (p.getZeroCount() > 0) {
            bounds[n] = p.getZeroThreshold();
            counts[n++] = p.getZeroCount();
        }
        for (int k = 0; k < pos.getBucketCountsCount(); k++) {
            long c = pos.getBucketCounts(k);
            if (c == 0) continue;
            bounds[n] = Math.pow(2, (pos.getOffset() + k + 1) * exponentStep);
            counts[n++] = c;
        }
        while (n > maxBuckets) {
            int m = 0;
            for (int i = 0; i < n; i += 2) {
                int hi = Math.min(i + 1, n - 1);
                bounds[m] = bounds[hi];
                counts[m++] = counts[i] + (hi != i ? counts[hi] : 0);
            }
            n = m;
        }
        return new Explicit(java.util.Arrays.copyOf(bounds, n), java.util.Arrays.copyOf(counts, n));
    }
}
