package dev.vigil.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.runtime.sources.EagerWatermarks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.util.clock.ManualClock;
import org.junit.jupiter.api.Test;

class EagerWatermarksTest {

    @Test
    void emitsOnEventOnceEventTimeMovesAStepAndNeverGoesBack() {
        List<Long> emitted = new ArrayList<>();
        WatermarkOutput out = new WatermarkOutput() {
            @Override
            public void emitWatermark(Watermark w) {
                emitted.add(w.getTimestamp());
            }

            @Override
            public void markIdle() {}

            @Override
            public void markActive() {}
        };
        EagerWatermarks<String> g = new EagerWatermarks<>(5000, 1000, 30_000, new ManualClock());
        g.onEvent("a", 10_000, out); // first: 4999
        g.onEvent("b", 10_500, out); // +500 ms: not yet
        g.onEvent("c", 11_000, out); // +1000 ms: 5999
        g.onEvent("late", 2_000, out); // older event never lowers it
        g.onEvent("dead letter", Long.MIN_VALUE, out);
        g.onPeriodicEmit(out); // nothing new
        g.onEvent("d", 11_400, out);
        g.onPeriodicEmit(out); // periodic catches up: 6399
        assertThat(emitted).containsExactly(4999L, 5999L, 6399L);
    }

    @Test
    void aPartitionQuietForTheTimeoutIsIdleUntilItsNextEvent() {
        Recorder out = new Recorder();
        ManualClock clock = new ManualClock();
        EagerWatermarks<String> g = new EagerWatermarks<>(5000, 1000, 30_000, clock);
        g.onEvent("a", 10_000, out);
        for (int probe = 0;
                probe < 151;
                probe++) { // probes every 200 ms; the first saw the event: quiet for exactly 30 s
            clock.advanceTime(Duration.ofMillis(200));
            g.onPeriodicEmit(out);
        }
        assertThat(out.log).containsExactly("wm 4999");
        clock.advanceTime(Duration.ofMillis(200));
        g.onPeriodicEmit(out);
        g.onPeriodicEmit(out); // marked idle once
        assertThat(out.log).containsExactly("wm 4999", "idle");
        g.onEvent("b", 12_000, out);
        assertThat(out.log).containsExactly("wm 4999", "idle", "active", "wm 6999");
    }

    @Test
    void timeTheTaskWasStalledDoesNotMakeAPartitionIdle() {
        Recorder out = new Recorder();
        ManualClock clock = new ManualClock();
        EagerWatermarks<String> g = new EagerWatermarks<>(5000, 1000, 30_000, clock);
        g.onEvent("a", 10_000, out);
        g.onPeriodicEmit(out);
        clock.advanceTime(Duration.ofSeconds(90)); // a chained sink blocked in its retries: no probe ran
        g.onPeriodicEmit(out);
        for (int probe = 0; probe < 100; probe++) { // and 20 s of quiet probes after it
            clock.advanceTime(Duration.ofMillis(200));
            g.onPeriodicEmit(out);
        }
        assertThat(out.log).containsExactly("wm 4999");
        for (int probe = 0; probe < 46; probe++) { // 1 s (the stall, capped) + 20 s + 9.2 s: past the timeout
            clock.advanceTime(Duration.ofMillis(200));
            g.onPeriodicEmit(out);
        }
        assertThat(out.log).containsExactly("wm 4999", "idle");
    }

    private static final class Recorder implements WatermarkOutput {
        final List<String> log = new ArrayList<>();

        @Override
        public void emitWatermark(Watermark w) {
            log.add("wm " + w.getTimestamp());
        }

        @Override
        public void markIdle() {
            log.add("idle");
        }

        @Override
        public void markActive() {
            log.add("active");
        }
    }
}
