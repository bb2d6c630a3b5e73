package dev.vigil.runtime.windows;

import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.config.VigilOptions;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Objects;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.ChainingStrategy;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Pre-aggregates events per key and window pane inside the task, before the shuffle, so the keyed
 * window reads and writes its accumulator (a RocksDB get and put, each a serialisation) once per key
 * and pane (and checkpoint) instead of once per event: Flink SQL's local-global aggregation, for
 * DataStream windows.
 *
 * <p>A pane is the largest time slice whose events all belong to the same windows (the size of a
 * tumbling window, the slide of a sliding one, one millisecond for sessions), so a
 * partial is assigned, and judged late or on time, exactly as each of its events would be. A partial
 * leaves just before the first watermark that can fire one of its windows (one at or past the pane's
 * last millisecond), before every checkpoint barrier, when the buffer is full and at the end of
 * input, so the combiner keeps no state and delays no window result.
 */
public final class PaneCombiner<IN, ACC> extends AbstractStreamOperator<Tuple2<String, ACC>>
        implements OneInputStreamOperator<IN, Tuple2<String, ACC>>, BoundedOneInput {
    private final KeySelector<IN, String> keys;
    private final AggregateFunction<IN, ACC, ?> aggregate;
    private final long paneMillis;
    private final int maxBuffered;
    private transient LinkedHashMap<Slot<ACC>, Slot<ACC>> buffer;
    private transient Slot<ACC> probe;

    public PaneCombiner(KeySelector<IN, String> keys, AggregateFunction<IN, ACC, ?> aggregate, long paneMillis, int maxBuffered) {
        if (paneMillis < 1 || maxBuffered < 1) throw new IllegalArgumentException("pane and buffer must be positive");
        this.keys = keys;
        this.aggregate = aggregate;
        this.paneMillis = paneMillis;
        this.maxBuffered = maxBuffered;
        this.chainingStrategy = ChainingStrategy.ALWAYS;
    }

    /**
     * {@code events} pre-aggregated with {@code aggregate} per key and pane of the job's window, keyed
     * for the window; aggregate the window with {@link #merging} of the same function.
     */
    public static <IN, ACC> KeyedStream<Tuple2<String, ACC>, String> keyed(DataStream<IN> events, KeySelector<IN, String> keys,
            AggregateFunction<IN, ACC, ?> aggregate, Class<ACC> accumulator, VigilConfig config, String job, String uid) {
        PaneCombiner<IN, ACC> combiner = new PaneCombiner<>(keys, aggregate, WindowAssigners.paneMillis(config, job),
                config.get(VigilOptions.PRE_AGGREGATION_MAX_BUFFERED));
        return events.transform("pre-aggregate per key and pane", partialType(accumulator), combiner).uid(uid)
                .keyBy(new PartialKey<>(), Types.STRING);
    }

    public static <ACC> TypeInformation<Tuple2<String, ACC>> partialType(Class<ACC> accumulator) {
        return Types.TUPLE(Types.STRING, TypeInformation.of(accumulator));
    }

    /**
     * The window aggregate over partials: merges them with {@code aggregate}'s own merge. Its result is
     * the accumulator, so Flink derives every type from the partials' type.
     */
    public static <ACC> AggregateFunction<Tuple2<String, ACC>, ACC, ACC> merging(AggregateFunction<?, ACC, ACC> aggregate) {
        return new MergePartials<>(aggregate);
    }

    @Override
    public void open() throws Exception {
        super.open();
        buffer = new LinkedHashMap<>();
        probe = new Slot<>(null, 0);
    }

    @Override
    public void processElement(StreamRecord<IN> record) throws Exception {
        if (!record.hasTimestamp()) throw new IllegalStateException("pre-aggregation needs event timestamps; is the watermark strategy set?");
        IN event = record.getValue();
        long timestamp = record.getTimestamp();
        probe.key = keys.getKey(event);
        probe.lastMillisecond = lastMillisecondOfPane(timestamp);
        Slot<ACC> slot = buffer.get(probe);
        if (slot == null) {
            slot = new Slot<>(probe.key, probe.lastMillisecond);
            slot.accumulator = aggregate.createAccumulator();
            buffer.put(slot, slot);
        }
        slot.accumulator = aggregate.add(event, slot.accumulator);
        slot.maxTimestamp = Math.max(slot.maxTimestamp, timestamp);
        if (buffer.size() >= maxBuffered) flush();
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        for (Iterator<Slot<ACC>> it = buffer.keySet().iterator(); it.hasNext(); ) {
            Slot<ACC> s = it.next();
            if (s.lastMillisecond <= mark.getTimestamp()) {
                emit(s);
                it.remove();
            }
        }
        super.processWatermark(mark);
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        flush();
    }

    @Override
    public void endInput() {
        flush();
    }

    private void flush() {
        for (Slot<ACC> s : buffer.keySet()) emit(s);
        buffer.clear();
    }

    private long lastMillisecondOfPane(long timestamp) {
        long start = Math.floorDiv(timestamp, paneMillis) * paneMillis;
        return start > Long.MAX_VALUE - paneMillis ? Long.MAX_VALUE : start + paneMillis - 1;
    }

    private void emit(Slot<ACC> s) {
        output.collect(new StreamRecord<>(Tuple2.of(s.key, s.accumulator), s.maxTimestamp));
    }

    /** One key and pane (named by its last millisecond) in the buffer; its own map key, so a lookup allocates nothing. */
    private static final class Slot<ACC> {
        String key;
        long lastMillisecond;
        long maxTimestamp = Long.MIN_VALUE;
        ACC accumulator;

        Slot(String key, long lastMillisecond) {
            this.key = key;
            this.lastMillisecond = lastMillisecond;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Slot<?> s && s.lastMillisecond == lastMillisecond && s.key.equals(key);
        }

        @Override
        public int hashCode() {
            return 31 * key.hashCode() + Long.hashCode(lastMillisecond);
        }
    }

    static final class PartialKey<ACC> implements KeySelector<Tuple2<String, ACC>, String> {
        @Override
        public String getKey(Tuple2<String, ACC> partial) {
            return partial.f0;
        }
    }

    static final class MergePartials<ACC> implements AggregateFunction<Tuple2<String, ACC>, ACC, ACC> {
        private final AggregateFunction<?, ACC, ACC> aggregate;

        MergePartials(AggregateFunction<?, ACC, ACC> aggregate) {
            this.aggregate = Objects.requireNonNull(aggregate);
        }

        @Override
        public ACC createAccumulator() {
            return aggregate.createAccumulator();
        }

        @Override
        public ACC add(Tuple2<String, ACC> partial, ACC accumulator) {
            return aggregate.merge(accumulator, partial.f1);
        }

        @Override
        public ACC getResult(ACC accumulator) {
            return aggregate.getResult(accumulator);
        }

        @Override
        public ACC merge(ACC a, ACC b) {
            return aggregate.merge(a, b);
        }
    }
}
