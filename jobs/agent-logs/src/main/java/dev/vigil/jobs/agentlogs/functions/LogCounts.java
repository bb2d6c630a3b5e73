package dev.vigil.jobs.agentlogs.functions;

import dev.vigil.jobs.agentlogs.rows.LogCountRow;
import dev.vigil.runtime.keys.KeySerializer;
import dev.vigil.runtime.keys.KeySerializerSnapshot;
import dev.vigil.runtime.keys.KeyTypeInfo;
import dev.vigil.schema.event.Event;
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

/** Events per window by service, level and agent. */
public final class LogCounts {
    private LogCounts() {}

    /** The grouping key: service, level and agent ("" when not an agent step). */
    @TypeInfo(Key.Type.class)
    public record Key(String service, String level, String agentId) {
        public static final KeyTypeInfo<Key> TYPE = new KeyTypeInfo<>(Key.class, new Serializer());

        public static Key of(Event e) {
            return new Key(e.service, e.agentLog.level, e.agentLog.agentId == null ? "" : e.agentLog.agentId);
        }

        /** Spelled out: the hash picks the key group, so it must not depend on how a JVM hashes records. */
        @Override
        public int hashCode() {
            return 31 * (31 * service.hashCode() + level.hashCode()) + agentId.hashCode();
        }

        public static final class Type extends KeyTypeInfo.Factory<Key> {
            public Type() {
                super(TYPE);
            }
        }

        public static final class Serializer extends KeySerializer<Key> {
            @Override
            public Key createInstance() {
                return new Key("", "", "");
            }

            @Override
            protected void write(Key k, DataOutputView out) throws IOException {
                StringValue.writeString(k.service, out);
                StringValue.writeString(k.level, out);
                StringValue.writeString(k.agentId, out);
            }

            @Override
            protected Key read(DataInputView in) throws IOException {
                return new Key(StringValue.readString(in), StringValue.readString(in), StringValue.readString(in));
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

    public static final class Count implements AggregateFunction<Event, Long, Long> {
        @Override
        public Long createAccumulator() {
            return 0L;
        }

        @Override
        public Long add(Event e, Long acc) {
            return acc + 1;
        }

        @Override
        public Long getResult(Long acc) {
            return acc;
        }

        @Override
        public Long merge(Long a, Long b) {
            return a + b;
        }
    }

    public static final class ToRow extends ProcessWindowFunction<Long, LogCountRow, Key, TimeWindow> {
        @Override
        public void process(Key key, Context ctx, Iterable<Long> counts, Collector<LogCountRow> out) {
            LogCountRow row = new LogCountRow();
            row.bucket = ctx.window().getStart();
            row.windowSeconds = (int) ((ctx.window().getEnd() - ctx.window().getStart()) / 1000);
            row.service = key.service();
            row.level = key.level();
            row.agentId = key.agentId();
            row.events = counts.iterator().next();
            out.collect(row);
        }
    }
}
