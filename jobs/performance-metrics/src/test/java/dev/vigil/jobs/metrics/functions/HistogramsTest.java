package dev.vigil.jobs.metrics.functions;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HistogramsTest {

    @Test
    void mergesDifferentBucketLayoutsByBound() {
        Histograms.Buckets m = Histograms.merge(
                new double[] {10, 100, Double.POSITIVE_INFINITY},
                new long[] {5, 3, 1},
                new double[] {10, 50, 100},
                new long[] {2, 4, 1});
        assertThat(m.bounds).containsExactly(10, 50, 100, Double.POSITIVE_INFINITY);
        assertThat(m.counts).containsExactly(7, 4, 4, 1);
        assertThat(Histograms.upperBound(m, 16, 0.5)).isEqualTo(50); // rank 7.5: 7 in <=10, 11 in <=50
        assertThat(Histograms.upperBound(m, 16, 0.99)).isEqualTo(100); // rank 14.85: 15 in <=100
        assertThat(Histograms.upperBound(m, 16, 1.0)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(Histograms.upperBound(new Histograms.Buckets(), 0, 0.5)).isNaN();
    }

    @Test
    void aUnionOfManyLayoutsIsCoarsenedToTheBoundKeepingEveryCount() {
        Histograms.Buckets acc = new Histograms.Buckets();
        long total = 0;
        for (int layout = 0; layout < 20; layout++) { // 20 producers, 256 distinct bounds each: 5,120 bounds
            double[] bounds = new double[256];
            long[] counts = new long[256];
            for (int i = 0; i < 256; i++) {
                bounds[i] = layout + i * 20 + 0.5;
                counts[i] = i % 3;
                total += counts[i];
            }
            acc = Histograms.merge(acc.bounds, acc.counts, bounds, counts);
            assertThat(acc.bounds.length).isLessThanOrEqualTo(Histograms.MAX_BOUNDS);
        }
        assertThat(acc.bounds.length).isGreaterThan(Histograms.MAX_BOUNDS / 2);
        assertThat(java.util.Arrays.stream(acc.counts).sum()).isEqualTo(total);
        for (int i = 1; i < acc.bounds.length; i++) assertThat(acc.bounds[i]).isGreaterThan(acc.bounds[i - 1]);
        assertThat(acc.bounds[acc.bounds.length - 1]).isEqualTo(19 + 255 * 20 + 0.5);
    }
}
