package dev.vigil.jobs.metrics.functions;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HistogramsTest {

    @Test
    void mergesDifferentBucketLayoutsByBound() {
        Histograms.Buckets m = Histograms.merge(new double[] {10, 100, Double.POSITIVE_INFINITY}, new long[] {5, 3, 1},
                new double[] {10, 50, 100}, new long[] {2, 4, 1});
        assertThat(m.bounds).containsExactly(10, 50, 100, Double.POSITIVE_INFINITY);
        assertThat(m.counts).containsExactly(7, 4, 4, 1);
        assertThat(Histograms.upperBound(m, 16, 0.5)).isEqualTo(50);  // rank 7.5: 7 in <=10, 11 in <=50
        assertThat(Histograms.upperBound(m, 16, 0.99)).isEqualTo(100);   // rank 14.85: 15 in <=100
        assertThat(Histograms.upperBound(m, 16, 1.0)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(Histograms.upperBound(new Histograms.Buckets(), 0, 0.5)).isNaN();
    }
}
