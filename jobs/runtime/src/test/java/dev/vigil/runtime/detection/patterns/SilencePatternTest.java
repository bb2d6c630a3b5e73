package dev.vigil.runtime.detection.patterns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.runtime.detection.Observation;
import dev.vigil.schema.event.Alert;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class SilencePatternTest {
    static final Duration AFTER = Duration.ofMinutes(5);

    @Test
    void aServiceThatStopsReportingIsSilentOnceTheWatermarkPassesTheTimeout() throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, Observation, Void> h = harness()) {
            for (int w = 0; w < 3; w++) h.processElement(new StreamRecord<>(requests(w), (w + 1) * 10_000L - 1));
            h.processWatermark(new Watermark(29_999 + AFTER.toMillis() - 1));
            assertThat(silent(h)).isEmpty();
            h.processWatermark(new Watermark(30_000 + AFTER.toMillis()));
            List<Alert> alerts = List.copyOf(silent(h));
            assertThat(alerts).hasSize(1);
            assertThat(alerts.get(0).name).isEqualTo("Silence");
            assertThat(alerts.get(0).severity).isEqualTo("critical");
            assertThat(alerts.get(0).service).isEqualTo("checkout");
            assertThat(alerts.get(0).windowStart).isEqualTo(30_000);
            assertThat(alerts.get(0).annotations.get("summary")).isEqualTo("checkout sent no requests for 300 s");
        }
    }

    @Test
    void aServiceThatKeepsReportingIsNeverSilent() throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, Observation, Void> h = harness()) {
            for (int w = 0; w < 100; w++) {
                h.processElement(new StreamRecord<>(requests(w), (w + 1) * 10_000L - 1));
                h.processWatermark(new Watermark((w + 1) * 10_000L - 1));
            }
            assertThat(silent(h)).isEmpty();
        }
    }

    @Test
    void aSilenceIsPassedOnWhenARealWatermarkPassesItAndDroppedWhenOnlyTheEndOfInputDoes() throws Exception {
        Alert real = silence("f-real", 330_000);
        Alert atEnd = silence("f-end", 330_000);
        try (KeyedOneInputStreamOperatorTestHarness<String, Alert, Alert> h = confirmation()) {
            h.open();
            h.processWatermark(new Watermark(329_999));
            h.processElement(new StreamRecord<>(real, 330_000));
            assertThat(h.numEventTimeTimers()).isEqualTo(1);
            h.processWatermark(new Watermark(330_000));
            assertThat(h.extractOutputValues()).containsExactly(real);
            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numEventTimeTimers()).isZero();

            h.processElement(new StreamRecord<>(atEnd, 330_000));
            h.processWatermark(new Watermark(Long.MAX_VALUE)); // a bounded input ended
            assertThat(h.extractOutputValues()).containsExactly(real);
            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }

    static KeyedOneInputStreamOperatorTestHarness<String, Alert, Alert> confirmation() throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new org.apache.flink.streaming.api.operators.KeyedProcessOperator<>(
                        new SilencePattern.UnlessEndOfInput()),
                a -> a.fingerprint,
                org.apache.flink.api.common.typeinfo.Types.STRING);
    }

    static Alert silence(String fingerprint, long at) {
        Alert a = new Alert();
        a.fingerprint = fingerprint;
        a.name = SilencePattern.NAME;
        a.startsAt = at;
        return a;
    }

    static KeyedOneInputStreamOperatorTestHarness<String, Observation, Void> harness() throws Exception {
        return CepHarness.of(
                SilencePattern.pattern("requests", AFTER),
                new SilencePattern.OnTimeout(AFTER),
                o -> o.series,
                Observation.class);
    }

    static ConcurrentLinkedQueue<Alert> silent(KeyedOneInputStreamOperatorTestHarness<String, Observation, Void> h) {
        ConcurrentLinkedQueue<Alert> out = new ConcurrentLinkedQueue<>();
        var records = h.getSideOutput(SilencePattern.SILENT);
        if (records != null) for (StreamRecord<Alert> r : records) out.add(r.getValue());
        return out;
    }

    static Observation requests(int window) {
        return Observation.of("requests", "checkout", null, window * 10_000L, (window + 1) * 10_000L, 100, 100);
    }
}
