package dev.vigil.runtime.detection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.runtime.config.VigilOptions;
import dev.vigil.runtime.detection.baseline.BaselineSettings;
import dev.vigil.runtime.detection.baseline.LikelihoodDetector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class BaselineScorerTest {
    @Test
    void eachSeriesHasItsOwnBaselineAndOnlyWarmOutliersAreAnomalies() throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, Observation, Observation> h =
                harness(VigilOptions.SeriesMethod.LIKELIHOOD)) {
            h.open();
            double[] a = {10, 11, 10, 9, 10, 50};
            double[] b = {1000, 1010, 990, 1000, 1005, 1000};
            for (int w = 0; w < a.length; w++) {
                h.processElement(new StreamRecord<>(
                        Observation.of("latency_p95", "a", null, w * 10_000L, (w + 1) * 10_000L, a[w], 20), w));
                h.processElement(new StreamRecord<>(
                        Observation.of("latency_p95", "b", null, w * 10_000L, (w + 1) * 10_000L, b[w], 20), w));
            }
            List<Observation> out = new ArrayList<>();
            for (Object o : h.getOutput()) out.add((Observation) ((StreamRecord<?>) o).getValue());
            assertThat(out).hasSize(12);
            assertThat(out.subList(0, 6)).allMatch(o -> !o.warm);
            Observation spike = out.get(10);
            assertThat(spike.series).isEqualTo("latency_p95|a");
            assertThat(spike.warm).isTrue();
            assertThat(spike.anomaly).isTrue();
            assertThat(spike.baseline).isEqualTo(10);
            Observation steady = out.get(11);
            assertThat(steady.series).isEqualTo("latency_p95|b");
            assertThat(steady.anomaly).isFalse();
            assertThat(steady.baseline).isEqualTo(1000);
            assertThat(h.numKeyedStateEntries()).isEqualTo(2);
        }
    }

    /**
     * With knn-cad, a series keeps both states: the likelihood's median is still the baseline the breach rules read,
     * the score is KNN-CAD's (0 until its training set, here the 60 points of its cap, is taken).
     */
    @Test
    void withKnnCadTheScoreIsItsAndTheBaselineStaysTheMedian() throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, Observation, Observation> h =
                harness(VigilOptions.SeriesMethod.KNN_CAD)) {
            h.open();
            java.util.Random r = new java.util.Random(2);
            int spikeAt = 100;
            for (int w = 0; w <= spikeAt; w++) {
                double v = w == spikeAt ? 100 : 10 + r.nextGaussian();
                h.processElement(new StreamRecord<>(
                        Observation.of("latency_p95", "a", null, w * 10_000L, (w + 1) * 10_000L, v, 20), w));
            }
            List<Observation> out = new ArrayList<>();
            for (Object o : h.getOutput()) out.add((Observation) ((StreamRecord<?>) o).getValue());
            assertThat(out).hasSize(spikeAt + 1);
            assertThat(out.subList(0, 59)).allMatch(o -> o.score == 0 && !o.anomaly);
            Observation spike = out.get(spikeAt);
            assertThat(spike.anomaly).isTrue();
            assertThat(spike.score).isEqualTo(1.0);
            assertThat(spike.baseline).isBetween(9.0, 11.0);
            assertThat(out.subList(59, spikeAt).stream().filter(o -> o.anomaly).count())
                    .as("alarms before the spike")
                    .isLessThanOrEqualTo(1);
            assertThat(h.numKeyedStateEntries())
                    .as("the likelihood's and KNN-CAD's")
                    .isEqualTo(2);
        }
    }

    /** A scorer with a 10-point history, 3 points of warm-up and KNN-CAD's training set capped at 60 points (a day). */
    private static KeyedOneInputStreamOperatorTestHarness<String, Observation, Observation> harness(
            VigilOptions.SeriesMethod method) throws Exception {
        BaselineScorer scorer = new BaselineScorer(
                new BaselineSettings(10, 3, 300, 0.3, LikelihoodDetector.Direction.BOTH, method, 86_400_000L, 60),
                Duration.ofDays(1));
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(scorer), o -> o.series, TypeInformation.of(String.class));
    }
}
