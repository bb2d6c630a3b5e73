package dev.vigil.runtime.detection.patterns;

import dev.vigil.schema.event.Alert;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.java.typeutils.ListTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * {@code count} events of one key within {@code within}, in event time (an error group spiking, an agent
 * calling one tool over and over). A match consumes its events, so a burst that goes on reports once per
 * {@code count} events and keeps its alert active.
 *
 * <p>These are the matches of Flink CEP's {@code begin(..., skipPastLastEvent()).times(count).within(within)}
 * ({@code BurstPatternTest} runs both on random out-of-order streams and compares), found by a keyed
 * process function instead of CEP: on RocksDB, CEP's operator reads and writes its element queue, NFA state
 * and shared buffer (several column families, an iterator seek per watermark) for every element, and the
 * agent-logs job with its discarding sinks ran at 9,875 events/s with AgentLoop in CEP and 26,239 without it
 * (docs/performance.md). Here an element is appended to its key's pending list (a read and a
 * write of one number, no read of the list) and a key's pending events are taken in batches: when the
 * watermark passes the next multiple of {@code within / 60} of event time (one second for a minute), with one
 * timer per key and batch. The first batch after an event arrives reads it and files it under the batch
 * that takes it, so an event is read twice whatever the out-of-orderness (kept pending until due, it was
 * read at every batch: ten times behind 10 s of out-of-orderness, fifty when batches followed the
 * watermark's 200 ms steps). Matches are the same (events are still taken in time order, and none can
 * arrive behind one already taken); an alert leaves at most {@code within / 60} of event time later.
 */
public final class BurstPattern {
    private BurstPattern() {}

    /** Turns the events of one match into an alert. */
    public interface AlertFactory<T> extends Serializable {
        Alert create(List<T> events);
    }

    /** An event's time: its record timestamp, as the job's watermark strategy assigned it. */
    public interface EventTime<T> extends Serializable {
        long of(T event);
    }

    public static <T> SingleOutputStreamOperator<Alert> detect(
            DataStream<T> events,
            KeySelector<T, String> key,
            EventTime<T> time,
            int count,
            Duration within,
            String name,
            AlertFactory<T> factory) {
        return events.keyBy(key, TypeInformation.of(String.class))
                .process(new Detector<>(events.getType(), time, count, within.toMillis(), factory))
                .returns(Alert.class)
                .uid("burst-" + name)
                .name("burst " + name);
    }

    /**
     * Per key: {@code pending}, the events that arrived since the key's last batch (in arrival order; appended
     * without being read, so a key with many events between two batches costs one write per event), the earliest
     * time among them, {@code waiting}: the events read by an earlier batch, under the end of the batch that takes
     * them (in arrival order), and the open run: the events since the last match that can still be the start of
     * one (in time order, at most {@code count - 1}). When the watermark passes a batch's end, its events join the
     * open run in time order (ties in arrival order, as CEP), each dropping from its front what is {@code within}
     * or more older than itself.
     *
     * <p>The open run is kept as its times ({@code open-times}: the ring slot of its first event, then each
     * event's time) and its events in a ring of {@code count} slots ({@code open-events}), so taking an event
     * writes that event alone and dropping one deletes a slot without reading it; the events are read only for a
     * match. (Kept as one list, the whole run was read and written back at every batch: with a count of 20,
     * about twenty events (de)serialised per event on RocksDB.)
     */
    static final class Detector<T> extends KeyedProcessFunction<String, T, Alert> {
        private final TypeInformation<T> type;
        private final EventTime<T> time;
        private final int count;
        private final long within;
        private final AlertFactory<T> factory;
        /** Pending events are taken when the watermark passes a multiple of this (ms). */
        private final long batch;

        private transient ListState<T> pending;
        private transient ValueState<Long> earliestPending;
        /** Pending events read once and not yet due, by the end of the batch that takes them. */
        private transient MapState<Long, List<T>> waiting;

        private transient ValueState<long[]> openTimes;
        private transient MapState<Integer, T> openEvents;
        /** The open run as one list, as versions before the ring kept it: moved into the ring at a key's next batch. */
        private transient ValueState<List<T>> legacyOpen;

        private transient Counter late;

        Detector(TypeInformation<T> type, EventTime<T> time, int count, long within, AlertFactory<T> factory) {
            if (count < 1) throw new IllegalArgumentException("a burst needs at least one event, got " + count);
            this.type = type;
            this.time = time;
            this.count = count;
            this.within = within;
            this.factory = factory;
            this.batch = Math.max(1, within / 60);
        }

        /** The first multiple of {@link #batch} at or after {@code t}: when a pending event at {@code t} is taken. */
        private long batchEnd(long t) {
            return Math.floorDiv(t + batch - 1, batch) * batch;
        }

        @Override
        public void open(OpenContext context) {
            pending = getRuntimeContext().getListState(new ListStateDescriptor<>("pending", type));
            earliestPending = getRuntimeContext().getState(new ValueStateDescriptor<>("earliest-pending", Types.LONG));
            waiting = getRuntimeContext()
                    .getMapState(new MapStateDescriptor<>("waiting", Types.LONG, new ListTypeInfo<>(type)));
            openTimes = getRuntimeContext()
                    .getState(new ValueStateDescriptor<>(
                            "open-times", PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
            openEvents = getRuntimeContext().getMapState(new MapStateDescriptor<>("open-events", Types.INT, type));
            legacyOpen = getRuntimeContext().getState(new ValueStateDescriptor<>("open", new ListTypeInfo<>(type)));
            late = getRuntimeContext().getMetricGroup().counter("burstLateDropped");
        }

        @Override
        public void processElement(T event, Context ctx, Collector<Alert> out) throws Exception {
            long t = time.of(event);
            // as CEP: an event at or behind the watermark is dropped (counted)
            if (t <= ctx.timerService().currentWatermark()) {
                late.inc();
                return;
            }
            Long earliest = earliestPending.value();
            if (earliest == null || t < earliest) {
                earliestPending.update(t);
                ctx.timerService().registerEventTimeTimer(batchEnd(t));
            }
            pending.add(event);
        }

        @Override
        public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
            OpenRun run = new OpenRun(openTimes.value());
            List<T> legacy = legacyOpen.value();
            if (legacy != null) {
                for (T e : legacy) run.add(e, out);
                legacyOpen.clear();
            }
            // Every pending event's batch ends at or after this timer (pending's own timer is its earliest event's
            // batch end, and timers fire in order), and every batch before it has been taken.
            List<T> due = waiting.get(timestamp);
            if (due != null) waiting.remove(timestamp);
            if (earliestPending.value() != null) {
                Map<Long, List<T>> later = new HashMap<>();
                for (T e : pending.get()) {
                    long end = batchEnd(time.of(e));
                    if (end == timestamp) {
                        if (due == null) due = new ArrayList<>();
                        due.add(e);
                    } else {
                        later.computeIfAbsent(end, b -> new ArrayList<>()).add(e);
                    }
                }
                pending.clear();
                earliestPending.clear();
                for (Map.Entry<Long, List<T>> batch : later.entrySet()) {
                    List<T> taken = waiting.get(batch.getKey());
                    if (taken == null) {
                        taken = batch.getValue();
                        ctx.timerService().registerEventTimeTimer(batch.getKey());
                    } else {
                        taken.addAll(batch.getValue()); // after the ones that arrived before them
                    }
                    waiting.put(batch.getKey(), taken);
                }
            }
            if (due != null) {
                due.sort(Comparator.comparingLong(time::of)); // stable: ties keep arrival order
                for (T e : due) run.add(e, out);
            }
            // Every event up to the last batch end at or before this timer has been taken, so what is this old can no
            // longer start a match (not the watermark: batches between this one and it are still to come).
            run.dropOlderThan(Math.floorDiv(timestamp, batch) * batch);
            if (run.size == 0) {
                openTimes.clear();
            } else {
                openTimes.update(run.state());
                // a batch end, so that the run is gone by then
                ctx.timerService().registerEventTimeTimer(batchEnd(run.lastTime() + within));
            }
        }

        /** The key's open run during one timer: its times here, its events in {@code open-events}. */
        private final class OpenRun {
            private final long[] times;
            private int first;
            private int size;

            OpenRun(long[] stored) {
                times = new long[count];
                if (stored != null) {
                    first = (int) stored[0];
                    size = stored.length - 1;
                    System.arraycopy(stored, 1, times, 0, size);
                }
            }

            /** Takes {@code e} (no earlier than any event taken before it); a full run is a match and starts over. */
            void add(T e, Collector<Alert> out) throws Exception {
                long t = time.of(e);
                while (size > 0 && t - times[0] >= within) dropFirst();
                if (size + 1 == count) {
                    List<T> match = new ArrayList<>(count);
                    for (int i = 0; i < size; i++) match.add(openEvents.get(slot(i)));
                    match.add(e);
                    out.collect(factory.create(match));
                    openEvents.clear();
                    first = 0;
                    size = 0;
                    return;
                }
                openEvents.put(slot(size), e);
                times[size++] = t;
            }

            void dropOlderThan(long watermark) throws Exception {
                while (size > 0 && watermark - times[0] >= within) dropFirst();
            }

            private void dropFirst() throws Exception {
                openEvents.remove(first);
                first = (first + 1) % count;
                System.arraycopy(times, 1, times, 0, --size);
            }

            private int slot(int i) {
                return (first + i) % count;
            }

            long lastTime() {
                return times[size - 1];
            }

            long[] state() {
                long[] s = new long[size + 1];
                s[0] = first;
                System.arraycopy(times, 0, s, 1, size);
                return s;
            }
        }
    }
}
