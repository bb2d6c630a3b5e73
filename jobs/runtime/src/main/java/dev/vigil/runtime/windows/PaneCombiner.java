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
public final class PaneCombiner<IN, K, ACC> extends AbstractStreamOperator<Tuple2<K, ACC>>
        implements OneInputStreamOperator<IN, Tuple2<K, ACC>>, BoundedOneInput {
    private final KeySelector<IN, K> keys;
    private final AggregateFunction<IN, ACC, ?> aggregate;
    private final long paneMillis;
    private final int maxBuffered;
    private transient LinkedHashMap<Slot<K, ACC>, Slot<K, ACC>> buffer;
    private transient Slot<K, ACC> probe;

    public PaneCombiner(
            KeySelector<IN, K> keys, AggregateFunction<IN, ACC, ?> aggregate, long paneMillis, int maxBuffered) {
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
     *
     * @param keyType the key's Flink type: {@code Types.STRING}, or a composite key's {@code TYPE}
     */
    public static <IN, K, ACC> KeyedStream<Tuple2<K, ACC>, K> keyed(
            DataStream<IN> events,
            KeySelector<IN, K> keys,
            TypeInformation<K> keyType,
            AggregateFunction<IN, ACC, ?> aggregate,
            Class<ACC> accumulator,
            VigilConfig config,
            String job,
            String uid) {
        PaneCombiner<IN, K, ACC> combiner = new PaneCombiner<>(
                keys,
                aggregate,
                WindowAssigners.paneMillis(config, job),
                config.get(VigilOptions.PRE_AGGREGATION_MAX_BUFFERED));
        TypeInformation<Tuple2<K, ACC>> partial = Types.TUPLE(keyType, TypeInformation.of(accumulator));
        return events.transform("pre-aggregate per key and pane", partial, combiner)
                .uid(uid)
                .keyBy(new PartialKey<>(), keyType);
    }

    /**
     * The window aggregate over partials: merges them with {@code aggregate}'s own merge. Its result is
     * the accumulator, so Flink derives every type from the partials' type.
     */
    public static <K, ACC> AggregateFunction<Tuple2<K, ACC>, ACC, ACC> merging(
            AggregateFunction<?, ACC, ACC> aggregate) {
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
        if (!record.hasTimestamp())
            throw new IllegalStateException("pre-aggregation needs event timestamps; is the watermark strategy set?");
        IN event = record.getValue();
        long timestamp = record.getTimestamp();
        probe.key = keys.getKey(event);
        probe.lastMillisecond = lastMillisecondOfPane(timestamp);
        Slot<K, ACC> slot = buffer.get(probe);
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
        for (Iterator<Slot<K, ACC>> it = buffer.keySet().iterator(); it.hasNext(); ) {
            Slot<K, ACC> s = it.next();
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
        for (Slot<K, ACC> s : buffer.keySet()) emit(s);
        buffer.clear();
    }

    private long lastMillisecondOfPane(long timestamp) {
        long start = Math.floorDiv(timestamp, paneMillis) * paneMillis;
        return start > Long.MAX_VALUE - paneMillis ? Long.MAX_VALUE : start + paneMillis - 1;
    }

    private void emit(Slot<K, ACC> s) {
        output.collect(new StreamRecord<>(Tuple2.of(s.key, s.accumulator), s.maxTimestamp));
    }

    /** One key and pane (named by its last millisecond) in the buffer; its own map key, so a lookup allocates nothing. */
    private static final class Slot<K, ACC> {
        K key;
        long lastMillisecond;
        long maxTimestamp = Long.MIN_VALUE;
        ACC accumulator;

        Slot(K key, long lastMillisecond) {
            this.key = key;
            this.lastMillisecond = lastMillisecond;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Slot<?, ?> s && s.lastMillisecond == lastMillisecond && s.key.equals(key);
        }

        @Override
        public int hashCode() {
            return 31 * key.hashCode() + Long.hashCode(lastMillisecond);
        }
    }

    static final class PartialKey<K, ACC> implements KeySelector<Tuple2<K, ACC>, K> {
        @Override
        public K getKey(Tuple2<K, ACC> partial) {
            return partial.f0;
        }
    }

    static final class MergePartials<K, ACC> implements AggregateFunction<Tuple2<K, ACC>, ACC, ACC> {
        private final AggregateFunction<?, ACC, ACC> aggregate;

        MergePartials(AggregateFunction<?, ACC, ACC> aggregate) {
            this.aggregate = Objects.requireNonNull(aggregate);
        }

        @Override
        public ACC createAccumulator() {
            return aggregate.createAccumulator();
        }

        @Override
        public ACC add(Tuple2<K, ACC> partial, ACC accumulator) {
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
