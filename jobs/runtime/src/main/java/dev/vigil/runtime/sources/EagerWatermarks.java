package dev.vigil.runtime.sources;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Bounded out-of-orderness watermarks that are also emitted as soon as event time has moved on by at
 * least {@code eagerStepMs} since the last one, not only on the periodic timer. Windows then close
 * promptly on bursts and replays (a backlog is read faster than the periodic interval), at the cost
 * of at most one extra watermark per step of event time per partition.
 */
public class EagerWatermarks<T> implements WatermarkGenerator<T> {
    private final long outOfOrdernessMs;
    private final long eagerStepMs;
    private long maxTimestamp = Long.MIN_VALUE;
    private long lastEmitted = Long.MIN_VALUE;

    public EagerWatermarks(long outOfOrdernessMs, long eagerStepMs) {
        this.outOfOrdernessMs = outOfOrdernessMs;
        this.eagerStepMs = eagerStepMs;
    }

    @Override
    public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
        if (eventTimestamp == Long.MIN_VALUE) return; // dead letters have no event time
        if (eventTimestamp > maxTimestamp) maxTimestamp = eventTimestamp;
        long candidate = current();
        if (lastEmitted == Long.MIN_VALUE || candidate - lastEmitted >= eagerStepMs) emit(candidate, output);
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        if (maxTimestamp != Long.MIN_VALUE) emit(current(), output);
    }

    private long current() {
        return maxTimestamp - outOfOrdernessMs - 1;
    }

    private void emit(long watermark, WatermarkOutput output) {
        if (watermark > lastEmitted) {
            lastEmitted = watermark;
            output.emitWatermark(new Watermark(watermark));
        }
    }
}
