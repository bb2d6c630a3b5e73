package dev.vigil.jobs.agentlogs.functions;

import dev.vigil.runtime.windows.FlushingCombiner;
import dev.vigil.schema.event.Event;
import java.time.Duration;
import java.util.HashMap;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Combines a request's events into parts inside the task, before the shuffle to {@link JourneySessions}, so the
 * keyed operator reads and writes a request's sessions (a RocksDB get and put, each a serialisation of its steps)
 * once per part instead of once per event, and the shuffle carries times and service names instead of whole
 * events: Flink SQL's mini-batch, for journeys.
 *
 * <p>A part holds consecutive events of one request, in arrival order, whose session windows touch, so
 * {@code JourneySessions} merges it exactly as it would merge those events one by one. Parts leave as every
 * {@link FlushingCombiner}'s do (an event on time here is on time there), and when {@code maxBuffered} requests
 * are buffered. An event already behind the watermark (its session
 * may have fired: it emits the journey again, or is dropped as too late) goes on its own, after its request's
 * buffered part.
 */
public final class JourneyCombiner extends FlushingCombiner<Event, Journeys.Part> {
    private final long gap;
    private final Journeys.Collect collect;
    private final int maxBuffered;
    private transient HashMap<String, Journeys.Part> buffer;
    private transient long watermark;

    /**
     * @param gap the sessions' gap, as {@code JourneySessions} has it
     * @param cap the events a journey keeps, as {@code JourneySessions} has it
     * @param maxBuffered requests buffered at most; 1 sends every event on its own
     */
    public JourneyCombiner(Duration gap, int cap, int maxBuffered) {
        if (maxBuffered < 1) throw new IllegalArgumentException("maxBuffered must be positive");
        this.gap = gap.toMillis();
        this.collect = new Journeys.Collect(cap);
        this.maxBuffered = maxBuffered;
    }

    @Override
    public void open() throws Exception {
        super.open();
        buffer = new HashMap<>();
        watermark = Long.MIN_VALUE;
    }

    @Override
    public void processElement(StreamRecord<Event> record) {
        Event e = record.getValue();
        long ts = e.timestamp;
        Journeys.Part buffered = buffer.get(e.correlationId);
        if (ts + gap - 1 <= watermark) {
            if (buffered != null) emit(buffer.remove(e.correlationId));
            emit(part(e));
            return;
        }
        if (buffered != null && buffered.start <= ts + gap && buffered.last + gap >= ts) {
            buffered.start = Math.min(buffered.start, ts);
            buffered.last = Math.max(buffered.last, ts);
            collect.add(e, buffered.steps);
            return;
        }
        if (buffered != null) emit(buffered); // a session apart: the part before it goes first
        buffer.put(e.correlationId, part(e));
        if (buffer.size() >= maxBuffered) flush();
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        super.processWatermark(mark); // flushes, then forwards it
        watermark = mark.getTimestamp();
    }

    @Override
    protected void flush() {
        for (Journeys.Part p : buffer.values()) emit(p);
        buffer.clear();
    }

    private Journeys.Part part(Event e) {
        Journeys.Part p = new Journeys.Part();
        p.correlationId = e.correlationId;
        p.start = e.timestamp;
        p.last = e.timestamp;
        p.steps = collect.add(e, collect.createAccumulator());
        return p;
    }

    private void emit(Journeys.Part p) {
        output.collect(new StreamRecord<>(p, p.last));
    }
}
