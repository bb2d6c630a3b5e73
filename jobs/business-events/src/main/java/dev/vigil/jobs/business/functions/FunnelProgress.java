package dev.vigil.jobs.business.functions;

import dev.vigil.runtime.keys.KeySerializer;
import dev.vigil.runtime.keys.KeySerializerSnapshot;
import dev.vigil.runtime.keys.KeyTypeInfo;
import dev.vigil.schema.event.Event;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
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
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.types.StringValue;
import org.apache.flink.util.Collector;

/**
 * Per funnel and user (the key is funnel + user): the first step starts a run; each next step in
 * order, within the allowed time of the previous one, advances it and is reported; a run that went
 * quiet for longer is over, which the next hit of its key finds (in event time) and clears.
 * State: (next step, time of the last step, dimension value, time of the first step).
 *
 * <p>Runs are kept in a write-back cache on the heap in front of the keyed state ({@code funnels.cached-runs} per
 * instance, least recently used first out): a user's steps come seconds to minutes apart, and a RocksDB read and
 * write per step were about a third of the whole job's samples (docs/performance.md). A run is read from the state
 * when its key is not cached, and written back when it leaves the cache and before every checkpoint barrier (dirty
 * runs only; they stay cached), so a checkpoint holds exactly what the state would without the cache. A run that
 * starts and finishes while cached is never written at all.
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
            Hit hit = new Hit();
            hit.step = step;
            hit.timestamp = e.timestamp;
            hit.dimension = step == 0 && f.by != null ? dimension(e, f.by) : "";
            out.collect(Tuple2.of(new User(f.name, e.business.userId), hit));
        }
    }

    /** An event's step in one funnel, its time and, for a first step, the value of the funnel's dimension. */
    public static class Hit {
        public int step;
        public long timestamp;
        public String dimension;

        public Hit() {}
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
    }

    @Override
    public void processElement(StreamRecord<Tuple2<User, Hit>> element) throws Exception {
        User key = element.getValue().f0;
        Hit hit = element.getValue().f1;
        collector.setTimestamp(element);
        FunnelDefinition f = funnel(key.funnel());
        Run run = cache.get(key);
        if (run == null) {
            run = Run.of(progress.value());
            cache.put(key, run); // may write back the least recently used run, under its own key
        }
        int step = hit.step;
        if (run.active && hit.timestamp - run.last > f.withinMillis) run.end(); // too late: that run is over
        if (step == 0 && !run.active) {
            run.start(hit.timestamp, hit.dimension);
            emit(f, 0, hit.dimension, hit.timestamp, hit.timestamp);
        } else if (run.active && step == run.next) {
            emit(f, step, run.dimension, hit.timestamp, run.start);
            if (step + 1 == f.steps.length) run.end();
            else run.advance(hit.timestamp);
        }
        // otherwise a step out of order, or a repeat: no progress (a run found over stays ended)
    }

    /** Writes back every changed run, so the checkpoint after this barrier holds them; they stay cached. */
    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        super.prepareSnapshotPreBarrier(checkpointId);
        for (Map.Entry<User, Run> e : cache.entrySet()) writeBack(e.getKey(), e.getValue());
    }

    /** Writes a changed run to the keyed state under its own key, then restores the key being processed. */
    private void writeBack(User key, Run run) throws IOException {
        boolean dirty = run.dirty;
        run.dirty = false;
        if (!dirty || (!run.active && !run.stored)) return; // unchanged, or started and ended while cached
        Object current = getCurrentKey();
        setCurrentKey(key);
        if (run.active) progress.update(Tuple4.of(run.next, run.last, run.dimension, run.start));
        else progress.clear();
        run.stored = run.active;
        if (current != null) setCurrentKey(current);
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

        static Run of(Tuple4<Integer, Long, String, Long> stored) {
            Run r = new Run();
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
