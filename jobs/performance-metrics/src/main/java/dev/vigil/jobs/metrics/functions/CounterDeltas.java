package dev.vigil.jobs.metrics.functions;

import dev.vigil.runtime.keys.KeySerializer;
import dev.vigil.runtime.keys.KeySerializerSnapshot;
import dev.vigil.runtime.keys.KeyTypeInfo;
import dev.vigil.runtime.state.StateExpiry;
import dev.vigil.schema.event.Event;
import dev.vigil.schema.event.MetricKind;
import java.io.IOException;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.types.StringValue;
import org.apache.flink.util.Collector;

/**
 * Counter totals to increases, per instance (keyed by series and instance). A total below the
 * previous one means the process restarted: the new total is the increase. The first total of an
 * instance only sets the baseline; a total older than the last one seen is out of order and ignored.
 * The last total expires after the configured TTL, so vanished instances leave no state behind.
 *
 * <p>Reported increases ({@link #isReportedDelta}) pass through unchanged, touching no state: both
 * kinds reach the counter window over one channel, so whether an increase is late depends on its
 * event time alone, not on which of two paths delivered the watermark first.
 */
public class CounterDeltas extends KeyedProcessFunction<CounterDeltas.Instance, Event, CounterDelta> {
    private final Duration ttl;
    private transient ValueState<Tuple2<Long, Double>> last;

    public CounterDeltas(Duration ttl) {
        this.ttl = ttl;
    }

    /** A counter's total or a reported increase: what this function turns into increases. */
    public static boolean isIncrease(Event e) {
        return e.metric != null && (e.metric.kind == MetricKind.COUNTER || e.metric.kind == MetricKind.DELTA);
    }

    /** A metric that reports its increase itself ({@code delta}, as OTLP delta sums): no total to difference. */
    static boolean isReportedDelta(Event e) {
        return e.metric.kind == MetricKind.DELTA;
    }

    /**
     * The key of a counter's totals: its series and the process reporting it (instance and host, ""
     * for none), so totals of different processes are never compared.
     */
    @TypeInfo(Instance.Type.class)
    public record Instance(Series series, String instance, String host) {
        public static final KeyTypeInfo<Instance> TYPE = new KeyTypeInfo<>(Instance.class, new Serializer());

        public static Instance of(Event e, SeriesKey series) {
            return new Instance(series.getKey(e), e.instance == null ? "" : e.instance, e.host == null ? "" : e.host);
        }

        /** Spelled out: the hash picks the key group, so it must not depend on how a JVM hashes records. */
        @Override
        public int hashCode() {
            return 31 * (31 * series.hashCode() + instance.hashCode()) + host.hashCode();
        }

        public static final class Type extends KeyTypeInfo.Factory<Instance> {
            public Type() {
                super(TYPE);
            }
        }

        public static final class Serializer extends KeySerializer<Instance> {
            private static final Series.Serializer SERIES = new Series.Serializer();

            @Override
            public Instance createInstance() {
                return new Instance(SERIES.createInstance(), "", "");
            }

            @Override
            protected void write(Instance k, DataOutputView out) throws IOException {
                SERIES.serialize(k.series, out);
                StringValue.writeString(k.instance, out);
                StringValue.writeString(k.host, out);
            }

            @Override
            protected Instance read(DataInputView in) throws IOException {
                return new Instance(SERIES.deserialize(in), StringValue.readString(in), StringValue.readString(in));
            }

            @Override
            public TypeSerializerSnapshot<Instance> snapshotConfiguration() {
                return new Snapshot();
            }
        }

        public static final class Snapshot extends KeySerializerSnapshot<Instance> {
            public Snapshot() {
                super(Serializer::new);
            }
        }
    }

    @Override
    public void open(OpenContext context) {
        ValueStateDescriptor<Tuple2<Long, Double>> d =
                new ValueStateDescriptor<>("last-total", Types.TUPLE(Types.LONG, Types.DOUBLE));
        d.enableTimeToLive(StateExpiry.afterLastWrite(ttl));
        last = getRuntimeContext().getState(d);
    }

    @Override
    public void processElement(Event e, Context ctx, Collector<CounterDelta> out) throws Exception {
        if (isReportedDelta(e)) {
            CounterDelta d = new CounterDelta();
            d.series = ctx.getCurrentKey().series();
            d.timestamp = e.timestamp;
            d.delta = e.metric.value;
            out.collect(d); // never a reset
            return;
        }
        double total = e.metric.value;
        Tuple2<Long, Double> previous = last.value();
        if (previous != null && e.timestamp < previous.f0) return;
        last.update(Tuple2.of(e.timestamp, total));
        if (previous == null) return;
        CounterDelta d = new CounterDelta();
        d.series = ctx.getCurrentKey().series();
        d.timestamp = e.timestamp;
        d.reset = total < previous.f1;
        d.delta = d.reset ? total : total - previous.f1;
        out.collect(d);
    }
}
