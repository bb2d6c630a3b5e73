package dev.vigil.runtime.detection;

import static org.assertj.core.api.Assertions.assertThat;

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
        BaselineScorer scorer = new BaselineScorer(
                new BaselineSettings(10, 3, 300, 0.3, LikelihoodDetector.Direction.BOTH), Duration.ofDays(1));
        try (KeyedOneInputStreamOperatorTestHarness<String, Observation, Observation> h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(scorer), o -> o.series, TypeInformation.of(String.class))) {
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
}
