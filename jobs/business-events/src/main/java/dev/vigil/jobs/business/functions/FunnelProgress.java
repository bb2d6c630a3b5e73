package dev.vigil.jobs.business.functions;

import dev.vigil.runtime.keys.KeySerializer;
import dev.vigil.runtime.keys.KeySerializerSnapshot;
import dev.vigil.runtime.keys.KeyTypeInfo;
import dev.vigil.schema.event.Event;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.api.java.tuple.Tuple4;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.TimestampedCollector;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.types.StringValue;
import org.apache.flink.util.Collector;

/**
 * Per funnel and user (the key is funnel + user): the first step starts a run; each next step in
 * order, within the allowed time of the previous one, advances it and is reported; a run that went
 * quiet for longer is over, which the next hit of its key finds (in event time) and clears. A run is also over once the
 * watermark has passed its last step by the allowed time, so a late step does not revive it (the windows after this
 * operator drop late steps and count them once as late events, in the by-name window).
 * State: (next step, time of the last step, dimension value, time of the first step).
 *
 * <p>Runs are kept in a write-back cache on the heap in front of the keyed state ({@code funnels.cached-runs} per
 * instance, least recently used first out): a user's steps come seconds to minutes apart, and a RocksDB read and
 * write per step were about a third of the whole job's samples (docs/performance.md). A run is read from the state
 * when its key is not cached, and written back when it leaves the cache and before every checkpoint barrier (dirty
 * runs only; they stay cached), so a checkpoint holds what the state would without the cache, less the runs the
 * watermark has put over. A run that starts and finishes while cached is never written at all, nor is one that the
 * watermark puts over while cached (dropped from the cache at that watermark).
 *
 * <p>No timer: a run that is never continued is removed by the state's TTL (twice the longest funnel's
 * window after it was last written, in processing time). With an event-time timer per run (registered at its
 * start, moved on when it fired early) the RocksDB timer queue took about 60% of this task's samples and
 * the job with discarding sinks ran at 0.2-0.3 of its stateless path (docs/performance.md); what a run
 * reports never depended on the timer, only how soon its state went.
 */
public class FunnelProgress extends AbstractStreamOperator<FunnelStep>
        implements OneInputStreamOperator<Tuple2<FunnelProgress.User, FunnelProgress.Hit>, FunnelStep> {
    private final List<FunnelDefinition> funnels;
    private final int cachedRuns;
    private transient ValueState<Tuple4<Integer, Long, String, Long>> progress;
    private transient RunCache cache;
    private transient TimestampedCollector<FunnelStep> collector;
    /** The last watermark (not restored: until the first one after a restore, no step counts as late). */
    private transient long watermark;

    /** @param cachedRuns runs kept on the heap per instance ({@code funnels.cached-runs}) */
    public FunnelProgress(List<FunnelDefinition> funnels, int cachedRuns) {
        if (cachedRuns < 1) throw new IllegalArgumentException("cachedRuns must be at least 1, was " + cachedRuns);
        this.funnels = funnels;
        this.cachedRuns = cachedRuns;
    }

    /** One keyed hit per funnel the event is a step of: what a run needs of it, not the whole event, crosses the shuffle. */
    public static void route(List<FunnelDefinition> funnels, Event e, Collector<Tuple2<User, Hit>> out) {
        if (e.business == null || e.business.userId == null) return;
        for (FunnelDefinition f : funnels) {
            int step = f.stepOf(e.business.name);
            if (step < 0) continue;
            String dimension = step == 0 && f.by != null ? dimension(e, f.by) : "";
            out.collect(Tuple2.of(new User(f.name, e.business.userId), new Hit(step, e.timestamp, dimension)));
        }
    }

    /**
     * An event's step in one funnel, its time and, for a first step, the value of the funnel's dimension. It crosses the
     * shuffle with every step, so it has a serializer of its own: Flink's POJO serializer built and filled each one by
     * reflection, boxing the step and the time (docs/performance.md).
     */
    @TypeInfo(Hit.Type.class)
    public record Hit(int step, long timestamp, String dimension) {
        public static final KeyTypeInfo<Hit> TYPE = new KeyTypeInfo<>(Hit.class, new Serializer());

        public static final class Type extends KeyTypeInfo.Factory<Hit> {
            public Type() {
                super(TYPE);
            }
        }

        public static final class Serializer extends KeySerializer<Hit> {
            @Override
            public Hit createInstance() {
                return new Hit(0, 0, "");
            }

            @Override
            protected void write(Hit h, DataOutputView out) throws IOException {
                out.writeInt(h.step);
                out.writeLong(h.timestamp);
                StringValue.writeString(h.dimension, out);
            }

            @Override
            protected Hit read(DataInputView in) throws IOException {
                return new Hit(in.readInt(), in.readLong(), StringValue.readString(in));
            }

            @Override
            public TypeSerializerSnapshot<Hit> snapshotConfiguration() {
                return new Snapshot();
            }
        }

        public static final class Snapshot extends KeySerializerSnapshot<Hit> {
            public Snapshot() {
                super(Serializer::new);
            }
        }
    }

    /** The key of a run: a funnel and a user in it. */
    @TypeInfo(User.Type.class)
    public record User(String funnel, String userId) {
        public static final KeyTypeInfo<User> TYPE = new KeyTypeInfo<>(User.class, new Serializer());

        /** Spelled out: the hash picks the key group, so it must not depend on how a JVM hashes records. */
        @Override
        public int hashCode() {
            return 31 * funnel.hashCode() + userId.hashCode();
        }

        public static final class Type extends KeyTypeInfo.Factory<User> {
            public Type() {
                super(TYPE);
            }
        }

        public static final class Serializer extends KeySerializer<User> {
            @Override
            public User createInstance() {
                return new User("", "");
            }

            @Override
            protected void write(User k, DataOutputView out) throws IOException {
                StringValue.writeString(k.funnel, out);
                StringValue.writeString(k.userId, out);
            }

            @Override
            protected User read(DataInputView in) throws IOException {
                return new User(StringValue.readString(in), StringValue.readString(in));
            }

            @Override
            public TypeSerializerSnapshot<User> snapshotConfiguration() {
                return new Snapshot();
            }
        }

        public static final class Snapshot extends KeySerializerSnapshot<User> {
            public Snapshot() {
                super(Serializer::new);
            }
        }
    }

    @Override
    public void open() throws Exception {
        super.open();
        // "funnel-run": the state before it ("funnel-progress") had no start time; runs in progress at an upgrade start
        // over
        ValueStateDescriptor<Tuple4<Integer, Long, String, Long>> d =
                new ValueStateDescriptor<>("funnel-run", Types.TUPLE(Types.INT, Types.LONG, Types.STRING, Types.LONG));
        // finished runs are cleared at their last step, runs found over at their key's next hit; the TTL removes the
        // runs nobody continued
        long longest = funnels.stream().mapToLong(f -> f.withinMillis).max().orElse(0);
        d.enableTimeToLive(
                StateTtlConfig.newBuilder(Duration.ofMillis(2 * longest)).build());
        progress = getRuntimeContext().getState(d);
        cache = new RunCache();
        collector = new TimestampedCollector<>(output);
        watermark = Long.MIN_VALUE;
    }

    /**
     * Sets no key: the state's key is set only where a run is read or written (a cache miss, a write-back). Most hits
     * find their run cached, and setting the key serialised it for RocksDB on every record (about 9% of this task's
     * samples, docs/performance.md).
     */
    @Override
    @SuppressWarnings("rawtypes")
    public void setKeyContextElement1(StreamRecord record) {}

    @Override
    public void processElement(StreamRecord<Tuple2<User, Hit>> element) throws Exception {
        User key = element.getValue().f0;
        Hit hit = element.getValue().f1;
        collector.setTimestamp(element);
        FunnelDefinition f = funnel(key.funnel());
        Run run = cache.get(key);
        if (run == null) {
            setCurrentKey(key);
            run = Run.of(progress.value(), f.withinMillis);
            cache.put(key, run); // may write back the least recently used run, under its own key
        }
        int step = hit.step();
        long time = hit.timestamp();
        if (run.overAt(Math.max(time, watermark))) run.end(); // too late, or behind a watermark past its window
        if (step == 0 && !run.active) {
            run.start(time, hit.dimension());
            emit(f, 0, hit.dimension(), time, time);
        } else if (run.active && step == run.next) {
            emit(f, step, run.dimension, time, run.start);
            if (step + 1 == f.steps.length) run.end();
            else run.advance(time);
        }
        // otherwise a step out of order, or a repeat: no progress (a run found over stays ended)
    }

    /**
     * Drops the runs the watermark has put over, least recently hit first, up to the first one still going: no step
     * that is not late can continue them, so they are not written back (the state's older copy of one is over too,
     * and its TTL removes it). Most runs end so, as most users never reach a funnel's last step; each was a RocksDB
     * write when it left the cache. The final watermark ({@code Long.MAX_VALUE}) puts no run over: a job stopped
     * with {@code --drain} sends it before its savepoint, which must still hold the runs going on.
     */
    @Override
    public void processWatermark(Watermark mark) throws Exception {
        if (mark.getTimestamp() == Long.MAX_VALUE) {
            super.processWatermark(mark);
            return;
        }
        watermark = mark.getTimestamp();
        for (Iterator<Map.Entry<User, Run>> it = cache.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<User, Run> e = it.next();
            Run run = e.getValue();
            if (run.active && !run.overAt(watermark)) break;
            writeBack(e.getKey(), run); // an ended run the state still holds is cleared
            it.remove();
        }
        super.processWatermark(mark);
    }

    /** Writes back every changed run, so the checkpoint after this barrier holds them; they stay cached. */
    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        super.prepareSnapshotPreBarrier(checkpointId);
        for (Map.Entry<User, Run> e : cache.entrySet()) writeBack(e.getKey(), e.getValue());
    }

    /** Writes a changed run to the keyed state under its own key, unless the watermark has put it over. */
    private void writeBack(User key, Run run) throws IOException {
        boolean dirty = run.dirty;
        run.dirty = false;
        if (!dirty || (run.active ? run.overAt(watermark) : !run.stored)) return; // unchanged, over, or never stored
        setCurrentKey(key);
        if (run.active) progress.update(Tuple4.of(run.next, run.last, run.dimension, run.start));
        else progress.clear();
        run.stored = run.active;
    }

    /**
     * A run as cached: the state's value in mutable fields, whether it changed since it was read or written, and
     * whether the state holds one for its key.
     */
    private static final class Run {
        boolean active;
        boolean stored;
        int next;
        long last;
        String dimension;
        long start;
        boolean dirty;
        /** Its funnel's allowed time between steps. */
        long within;

        static Run of(Tuple4<Integer, Long, String, Long> stored, long within) {
            Run r = new Run();
            r.within = within;
            if (stored != null) {
                r.active = true;
                r.stored = true;
                r.next = stored.f0;
                r.last = stored.f1;
                r.dimension = stored.f2;
                r.start = stored.f3;
            }
            return r;
        }

        /** Whether a step at {@code time} comes too late to continue it. */
        boolean overAt(long time) {
            return active && time > last && time - last > within; // no overflow at the first watermark, Long.MIN_VALUE
        }

        void start(long timestamp, String dimension) {
            active = true;
            next = 1;
            last = timestamp;
            this.dimension = dimension;
            start = timestamp;
            dirty = true;
        }

        void advance(long timestamp) {
            next++;
            last = timestamp;
            dirty = true;
        }

        void end() {
            active = false;
            dimension = null;
            dirty = true;
        }
    }

    /** Least recently used first out; a run leaving it is written back. */
    private final class RunCache extends LinkedHashMap<User, Run> {
        RunCache() {
            super(16, 0.75f, true);
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<User, Run> eldest) {
            if (size() <= cachedRuns) return false;
            try {
                writeBack(eldest.getKey(), eldest.getValue());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return true;
        }
    }

    private FunnelDefinition funnel(String name) {
        for (FunnelDefinition f : funnels) {
            if (f.name.equals(name)) return f;
        }
        throw new IllegalStateException("no funnel " + name);
    }

    private static String dimension(Event e, String property) {
        String v = e.business.properties == null ? null : e.business.properties.get(property);
        return v == null ? "unknown" : v;
    }

    private void emit(FunnelDefinition f, int step, String dimension, long timestamp, long runStart) {
        FunnelStep s = new FunnelStep();
        s.funnel = f.name;
        s.step = step;
        s.stepName = f.steps[step];
        s.dimension = dimension;
        s.timestamp = timestamp;
        s.runStart = runStart;
        collector.collect(s);
    }
}
