package dev.vigil.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.runtime.sources.EagerWatermarks;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;

class EagerWatermarksTest {

    @Test
    void emitsOnEventOnceEventTimeMovesAStepAndNeverGoesBack() {
        List<Long> emitted = new ArrayList<>();
        WatermarkOutput out = new WatermarkOutput() {
            @Override public void emitWatermark(Watermark w) { emitted.add(w.getTimestamp()); }
            @Override public void markIdle() { }
            @Override public void markActive() { }
        };
        EagerWatermarks<String> g = new EagerWatermarks<>(5000, 1000);
        g.onEvent("a", 10_000, out);          // first: 4999
        g.onEvent("b", 10_500, out);          // +500 ms: not yet
        g.onEvent("c", 11_000, out);          // +1000 ms: 5999
        g.onEvent("late", 2_000, out);        // older event never lowers it
        g.onEvent("dead letter", Long.MIN_VALUE, out);
        g.onPeriodicEmit(out);                // nothing new
        g.onEvent("d", 11_400, out);
        g.onPeriodicEmit(out);                // periodic catches up: 6399
        assertThat(emitted).containsExactly(4999L, 5999L, 6399L);
    }
}
