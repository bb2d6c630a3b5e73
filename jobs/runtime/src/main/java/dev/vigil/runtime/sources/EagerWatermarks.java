package dev.vigil.runtime.sources;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.util.clock.RelativeClock;

/**
 * Bounded out-of-orderness watermarks that are also emitted as soon as event time has moved on by at
 * least {@code eagerStepMs} since the last one, not only on the periodic timer. Windows then close
 * promptly on bursts and replays (a backlog is read faster than the periodic interval), at the cost
 * of at most one extra watermark per step of event time per partition.
 *
 * <p>A partition that has had no event for {@code idleTimeoutMs} is marked idle, so it no longer holds
 * the watermark back. Only time in which the partition could have been read counts: Flink's input
 * activity clock already hides backpressure, and a gap between two periodic probes longer than
 * {@link #MAX_PROBE_GAP_NANOS} counts as that bound only. Such a gap means the task itself was stalled
 * (a chained sink blocked in its retries while a store is down); counting it in full (as Flink's
 * {@code withIdleness} does) marks a partition idle that still has a backlog, the other partitions
 * then move the watermark on, and the backlog is dropped as late once the task runs again.
 */
public class EagerWatermarks<T> implements WatermarkGenerator<T> {
    /** The periodic probe runs every {@code pipeline.auto-watermark-interval} (200 ms by default); five of those at most. */
    static final long MAX_PROBE_GAP_NANOS = 1_000_000_000L;

    private final long outOfOrdernessMs;
    private final long eagerStepMs;
    private final long idleTimeoutNanos;
    private final RelativeClock clock;
    private long maxTimestamp = Long.MIN_VALUE;
    private long lastEmitted = Long.MIN_VALUE;
    private long lastProbeNanos = Long.MIN_VALUE;
    private long quietNanos;
    private boolean eventSinceProbe;
    private boolean idle;

    public EagerWatermarks(long outOfOrdernessMs, long eagerStepMs, long idleTimeoutMs, RelativeClock clock) {
        if (idleTimeoutMs < 1) throw new IllegalArgumentException("the idle timeout must be positive");
        this.outOfOrdernessMs = outOfOrdernessMs;
        this.eagerStepMs = eagerStepMs;
        this.idleTimeoutNanos = idleTimeoutMs * 1_000_000L;
        this.clock = clock;
    }

    @Override
    public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
        eventSinceProbe = true;
        if (idle) {
            idle = false;
            output.markActive();
        }
        if (eventTimestamp == Long.MIN_VALUE) return; // dead letters have no event time
        if (eventTimestamp > maxTimestamp) maxTimestamp = eventTimestamp;
        long candidate = current();
        if (lastEmitted == Long.MIN_VALUE || candidate - lastEmitted >= eagerStepMs) emit(candidate, output);
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        long now = clock.relativeTimeNanos();
        if (eventSinceProbe || lastProbeNanos == Long.MIN_VALUE) quietNanos = 0;
        else quietNanos += Math.min(now - lastProbeNanos, MAX_PROBE_GAP_NANOS);
        lastProbeNanos = now;
        eventSinceProbe = false;
        if (quietNanos > idleTimeoutNanos) {
            if (!idle) {
                idle = true;
                output.markIdle();
            }
            return;
        }
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
