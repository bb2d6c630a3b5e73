package dev.vigil.runtime.detection.patterns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.runtime.detection.Alerts;
import dev.vigil.runtime.detection.Observation;
import dev.vigil.schema.event.Alert;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** Bursts of events per key; observations stand in for any event type. */
class BurstPatternTest {
    static final BurstPattern.AlertFactory<Observation> FACTORY = burst -> Alerts.firing(
            "Burst",
            "warning",
            burst.get(0).service,
            burst.get(0).series,
            burst.get(0).windowStart,
            burst.get(burst.size() - 1).windowStart,
            burst.size(),
            0,
            "burst");

    @Test
    void fiveWithinAMinuteFireOnceAndTheNextFiveAgain() throws Exception {
        List<Alert> alerts = run(0, 10_000, 20_000, 30_000, 50_000, 55_000, 56_000, 57_000, 58_000, 59_000);
        assertThat(alerts).hasSize(2);
        assertThat(alerts.get(0).windowStart).isEqualTo(0);
        assertThat(alerts.get(0).windowEnd).isEqualTo(50_000);
        assertThat(alerts.get(0).observed).isEqualTo(5);
        assertThat(alerts.get(1).windowStart).isEqualTo(55_000);
        assertThat(alerts.get(1).windowEnd).isEqualTo(59_000);
    }

    @Test
    void fiveSpreadOverMoreThanAMinuteOrFourInOneDoNotFire() throws Exception {
        assertThat(run(0, 20_000, 40_000, 60_000, 80_000)).isEmpty();
        assertThat(run(0, 1000, 2000, 3000)).isEmpty();
    }

    static List<Alert> run(long... times) throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, Observation, Alert> h = CepHarness.of(
                BurstPattern.<Observation>pattern(5, Duration.ofMinutes(1)),
                new BurstPattern.ToAlert<>(FACTORY),
                o -> o.series,
                Observation.class)) {
            for (long t : times)
                h.processElement(new StreamRecord<>(Observation.of("errors", "payments", "g1", t, t, 1, 1), t));
            h.processWatermark(new Watermark(Long.MAX_VALUE - 1));
            List<Alert> out = new ArrayList<>();
            for (Object o : h.getOutput())
                if (o instanceof StreamRecord) out.add((Alert) ((StreamRecord<?>) o).getValue());
            return out;
        }
    }
}
