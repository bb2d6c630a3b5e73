package dev.vigil.schema.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import org.junit.jupiter.api.Test;

class ExponentialBucketsTest {
    private static ExponentialHistogramDataPoint.Buckets buckets(int offset, long... counts) {
        ExponentialHistogramDataPoint.Buckets.Builder b =
                ExponentialHistogramDataPoint.Buckets.newBuilder().setOffset(offset);
        for (long c : counts) b.addBucketCounts(c);
        return b.build();
    }

    @Test
    void bucketsBecomeAscendingUpperBoundsWithExactCounts() {
        // scale 1: base sqrt(2). Positive bucket i holds (2^(i/2), 2^((i+1)/2)]; negative bucket i [-2^((i+1)/2),
        // -2^(i/2)).
        ExponentialHistogramDataPoint p = ExponentialHistogramDataPoint.newBuilder()
                .setScale(1)
                .setZeroCount(4)
                .setPositive(buckets(2, 1, 0, 3))
                .setNegative(buckets(0, 2, 5))
                .build();
        ExponentialBuckets.Explicit e = ExponentialBuckets.toExplicit(p, 256);
        assertThat(e.bounds())
                .containsExactly(
                        new double[] {-Math.sqrt(2), -1, 0, Math.pow(2, 1.5), Math.pow(2, 2.5)}, within(1e-12));
        assertThat(e.counts()).containsExactly(5, 2, 4, 1, 3);
    }

    @Test
    void moreBucketsThanAllowedAreMergedPairwiseKeepingTheTotal() {
        long[] counts = new long[300];
        for (int i = 0; i < counts.length; i++) counts[i] = i + 1;
        ExponentialHistogramDataPoint p = ExponentialHistogramDataPoint.newBuilder()
                .setScale(4)
                .setPositive(buckets(-10, counts))
                .build();
        ExponentialBuckets.Explicit e = ExponentialBuckets.toExplicit(p, 256);
        assertThat(e.bounds()).hasSize(150);
        assertThat(java.util.Arrays.stream(e.counts()).sum()).isEqualTo(300L * 301 / 2);
        assertThat(e.bounds()[149]).isCloseTo(Math.pow(2, (-10 + 300) / 16.0), within(1e-9));
        assertThat(e.counts()[0]).isEqualTo(1 + 2);
    }
}
