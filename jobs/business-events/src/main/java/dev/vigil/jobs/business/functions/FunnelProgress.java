package dev.vigil.jobs.business.functions;

import dev.vigil.runtime.keys.KeySerializer;
import dev.vigil.runtime.keys.KeySerializerSnapshot;
import dev.vigil.runtime.keys.KeyTypeInfo;
import dev.vigil.schema.event.Event;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
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
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.types.StringValue;
import org.apache.flink.util.Collector;

/**
 * Per funnel and user (the key is funnel + user): the first step starts a run; each next step in
 * order, within the allowed time of the previous one, advances it and is reported; a run that went
 * quiet for longer is over, which the next hit of its key finds (in event time) and clears.
 * State: (next step, time of the last step, dimension value, time of the first step).
 *
 * <p>No timer: a run that is never continued is removed by the state's TTL (twice the longest funnel's
 * window after its last step, in processing time). With an event-time timer per run (registered at its
 * start, moved on when it fired early) the RocksDB timer queue took about 60% of this task's samples and
 * the job with discarding sinks ran at 0.2-0.3 of its stateless path (docs/performance.md); what a run
 * reports never depended on the timer, only how soon its state went.
 */
public class FunnelProgress
        extends KeyedProcessFunction<FunnelProgress.User, Tuple2<FunnelProgress.User, FunnelProgress.Hit>, FunnelStep> {
    private final List<FunnelDefinition> funnels;
    private transient ValueState<Tuple4<Integer, Long, String, Long>> progress;

    public FunnelProgress(List<FunnelDefinition> funnels) {
        this.funnels = funnels;
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
    public void open(OpenContext context) {
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
    }

    @Override
    public void processElement(Tuple2<User, Hit> keyed, Context ctx, Collector<FunnelStep> out) throws Exception {
        Hit hit = keyed.f1;
        FunnelDefinition f = funnel(keyed.f0.funnel());
        int step = hit.step;
        Tuple4<Integer, Long, String, Long> p = progress.value();
        boolean over = p != null && hit.timestamp - p.f1 > f.withinMillis; // too late: that run is over
        if (over) p = null;
        if (step == 0 && p == null) {
            p = Tuple4.of(1, hit.timestamp, hit.dimension, hit.timestamp);
            emit(f, 0, hit.dimension, hit.timestamp, hit.timestamp, out);
        } else if (p != null && step == p.f0) {
            emit(f, step, p.f2, hit.timestamp, p.f3, out);
            p = step + 1 == f.steps.length ? null : Tuple4.of(step + 1, hit.timestamp, p.f2, p.f3);
        } else {
            if (over) progress.clear();
            return; // a step out of order, or a repeat: no progress
        }
        if (p == null) progress.clear();
        else progress.update(p);
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

    private static void emit(
            FunnelDefinition f, int step, String dimension, long timestamp, long runStart, Collector<FunnelStep> out) {
        FunnelStep s = new FunnelStep();
        s.funnel = f.name;
        s.step = step;
        s.stepName = f.steps[step];
        s.dimension = dimension;
        s.timestamp = timestamp;
        s.runStart = runStart;
        out.collect(s);
    }
}
