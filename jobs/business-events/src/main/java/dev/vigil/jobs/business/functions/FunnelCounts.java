package dev.vigil.jobs.business.functions;

import dev.vigil.jobs.business.rows.FunnelRow;
import dev.vigil.runtime.keys.KeySerializer;
import dev.vigil.runtime.keys.KeySerializerSnapshot;
import dev.vigil.runtime.keys.KeyTypeInfo;
import java.io.IOException;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.typeinfo.TypeInfo;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.types.StringValue;
import org.apache.flink.util.Collector;

/** Users reaching each funnel step per window and dimension value. */
public final class FunnelCounts {
    private FunnelCounts() {}

    /** The grouping key: funnel, dimension value ("" when the funnel has none) and step. */
    @TypeInfo(Key.Type.class)
    public record Key(String funnel, String dimension, int step, String stepName) {
        public static final KeyTypeInfo<Key> TYPE = new KeyTypeInfo<>(Key.class, new Serializer());

        public static Key of(FunnelStep s) {
            return new Key(s.funnel, s.dimension, s.step, s.stepName);
        }

        /** Spelled out: the hash picks the key group, so it must not depend on how a JVM hashes records. */
        @Override
        public int hashCode() {
            return 31 * (31 * (31 * funnel.hashCode() + dimension.hashCode()) + step) + stepName.hashCode();
        }

        public static final class Type extends KeyTypeInfo.Factory<Key> {
            public Type() {
                super(TYPE);
            }
        }

        public static final class Serializer extends KeySerializer<Key> {
            @Override
            public Key createInstance() {
                return new Key("", "", 0, "");
            }

            @Override
            protected void write(Key k, DataOutputView out) throws IOException {
                StringValue.writeString(k.funnel, out);
                StringValue.writeString(k.dimension, out);
                out.writeInt(k.step);
                StringValue.writeString(k.stepName, out);
            }

            @Override
            protected Key read(DataInputView in) throws IOException {
                return new Key(
                        StringValue.readString(in),
                        StringValue.readString(in),
                        in.readInt(),
                        StringValue.readString(in));
            }

            @Override
            public TypeSerializerSnapshot<Key> snapshotConfiguration() {
                return new Snapshot();
            }
        }

        public static final class Snapshot extends KeySerializerSnapshot<Key> {
            public Snapshot() {
                super(Serializer::new);
            }
        }
    }

    public static final class Count implements AggregateFunction<FunnelStep, Long, Long> {
        @Override
        public Long createAccumulator() {
            return 0L;
        }

        @Override
        public Long add(FunnelStep s, Long n) {
            return n + 1;
        }

        @Override
        public Long getResult(Long n) {
            return n;
        }

        @Override
        public Long merge(Long a, Long b) {
            return a + b;
        }
    }

    public static final class ToRow extends ProcessWindowFunction<Long, FunnelRow, Key, TimeWindow> {
        @Override
        public void process(Key key, Context ctx, Iterable<Long> counts, Collector<FunnelRow> out) {
            FunnelRow r = new FunnelRow();
            r.bucket = ctx.window().getStart();
            r.windowSeconds = (int) ((ctx.window().getEnd() - ctx.window().getStart()) / 1000);
            r.funnel = key.funnel();
            r.dimension = key.dimension();
            r.step = key.step();
            r.stepName = key.stepName();
            r.users = counts.iterator().next();
            out.collect(r);
        }
    }
}
