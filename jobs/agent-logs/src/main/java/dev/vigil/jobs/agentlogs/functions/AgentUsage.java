package dev.vigil.jobs.agentlogs.functions;

import com.datadoghq.sketch.ddsketch.DDSketch;
import dev.vigil.jobs.agentlogs.rows.AgentUsageRow;
import dev.vigil.runtime.keys.KeySerializer;
import dev.vigil.runtime.keys.KeySerializerSnapshot;
import dev.vigil.runtime.keys.KeyTypeInfo;
import dev.vigil.runtime.sketches.DDSketchTypeInfo;
import dev.vigil.runtime.sketches.Sketches;
import dev.vigil.schema.event.AgentLog;
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

/** AI-agent activity per window by agent and model: steps, tool calls, failures, tokens, cost, duration quantiles. */
public final class AgentUsage {
    private AgentUsage() {}

    public static boolean isAgentStep(Event e) {
        return e.agentLog != null && e.agentLog.agentId != null;
    }

    /** The grouping key: agent and model ("" when the step names none). */
    @TypeInfo(Key.Type.class)
    public record Key(String agentId, String model) {
        public static final KeyTypeInfo<Key> TYPE = new KeyTypeInfo<>(Key.class, new Serializer());

        public static Key of(Event e) {
            return new Key(e.agentLog.agentId, e.agentLog.model == null ? "" : e.agentLog.model);
        }

        /** Spelled out: the hash picks the key group, so it must not depend on how a JVM hashes records. */
        @Override
        public int hashCode() {
            return 31 * agentId.hashCode() + model.hashCode();
        }

        public static final class Type extends KeyTypeInfo.Factory<Key> {
            public Type() {
                super(TYPE);
            }
        }

        public static final class Serializer extends KeySerializer<Key> {
            @Override
            public Key createInstance() {
                return new Key("", "");
            }

            @Override
            protected void write(Key k, DataOutputView out) throws IOException {
                StringValue.writeString(k.agentId, out);
                StringValue.writeString(k.model, out);
            }

            @Override
            protected Key read(DataInputView in) throws IOException {
                return new Key(StringValue.readString(in), StringValue.readString(in));
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

    /** Running totals: a Flink POJO whose sketch field has its own serializer (no Kryo). */
    public static class Totals {
        public long steps;
        public long toolCalls;
        public long failures;
        public long tokensIn;
        public long tokensOut;
        public double cost;

        @TypeInfo(DDSketchTypeInfo.Factory.class)
        public DDSketch durations = Sketches.empty();

        public Totals() {}
    }

    public static final class Aggregate implements AggregateFunction<Event, Totals, Totals> {
        @Override
        public Totals createAccumulator() {
            return new Totals();
        }

        @Override
        public Totals add(Event e, Totals t) {
            AgentLog a = e.agentLog;
            t.steps++;
            if (a.tool != null) t.toolCalls++;
            if ("failure".equals(a.outcome) || "error".equals(a.outcome) || "timeout".equals(a.outcome)) t.failures++;
            if (a.tokensIn != null) t.tokensIn += a.tokensIn;
            if (a.tokensOut != null) t.tokensOut += a.tokensOut;
            if (a.cost != null) t.cost += a.cost;
            if (a.durationMs != null) t.durations.accept(a.durationMs);
            return t;
        }

        @Override
        public Totals getResult(Totals t) {
            return t;
        }

        @Override
        public Totals merge(Totals a, Totals b) {
            a.steps += b.steps;
            a.toolCalls += b.toolCalls;
            a.failures += b.failures;
            a.tokensIn += b.tokensIn;
            a.tokensOut += b.tokensOut;
            a.cost += b.cost;
            a.durations.mergeWith(b.durations);
            return a;
        }
    }

    public static final class ToRow extends ProcessWindowFunction<Totals, AgentUsageRow, Key, TimeWindow> {
        @Override
        public void process(Key key, Context ctx, Iterable<Totals> totals, Collector<AgentUsageRow> out) {
            Totals t = totals.iterator().next();
            AgentUsageRow row = new AgentUsageRow();
            row.bucket = ctx.window().getStart();
            row.windowSeconds = (int) ((ctx.window().getEnd() - ctx.window().getStart()) / 1000);
            row.agentId = key.agentId();
            row.model = key.model();
            row.steps = t.steps;
            row.toolCalls = t.toolCalls;
            row.failures = t.failures;
            row.tokensIn = t.tokensIn;
            row.tokensOut = t.tokensOut;
            row.cost = t.cost;
            if (!t.durations.isEmpty()) {
                row.durationP50 = t.durations.getValueAtQuantile(0.50);
                row.durationP95 = t.durations.getValueAtQuantile(0.95);
                row.durationP99 = t.durations.getValueAtQuantile(0.99);
                row.durationSketch = Sketches.encode(t.durations);
            } else {
                row.durationP50 = Double.NaN;
                row.durationP95 = Double.NaN;
                row.durationP99 = Double.NaN;
            }
            out.collect(row);
        }
    }
}
