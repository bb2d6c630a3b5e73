package dev.vigil.bench.e2e;

import dev.vigil.schema.event.Event;
import java.util.concurrent.locks.LockSupport;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/**
 * The bench's hot-tier events at a steady total rate: each subtask holds its share, checking the schedule every
 * 256 events and sleeping while ahead. Cheaper than Flink's rate-limited sources, which hand every record to an
 * executor (their cost would be counted against the sink).
 */
final class PacedEvents extends RichMapFunction<Long, Event> {
    private static final int CHECK_EVERY = 256;
    private final int eventsPerSecond;
    private transient double nanosPerEvent;
    private transient long start;
    private transient long count;

    PacedEvents(int eventsPerSecond) {
        this.eventsPerSecond = eventsPerSecond;
    }

    @Override
    public void open(OpenContext context) {
        nanosPerEvent = 1e9 * getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks() / eventsPerSecond;
    }

    @Override
    public Event map(Long i) {
        if (count == 0) start = System.nanoTime();
        if (++count % CHECK_EVERY == 0) {
            long ahead = start + (long) (count * nanosPerEvent) - System.nanoTime();
            if (ahead > 0) LockSupport.parkNanos(ahead);
        }
        return EndToEndBench.hotEvent(i);
    }
}
