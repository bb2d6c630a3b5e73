package dev.vigil.jobs.metrics.functions;

import dev.vigil.jobs.metrics.rows.CounterRow;
import dev.vigil.jobs.metrics.rows.GaugeRow;
import dev.vigil.jobs.metrics.rows.ResourceRow;
import dev.vigil.runtime.keys.KeySerializer;
import dev.vigil.runtime.keys.KeySerializerSnapshot;
import dev.vigil.runtime.keys.KeyTypeInfo;
import dev.vigil.schema.event.Event;
import dev.vigil.schema.event.MetricKind;
import dev.vigil.schema.event.ResourceUsage;
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

/** Window aggregates of counters (summed increases), gauges (last/min/max/avg) and resource usage per instance. */
public final class WindowedKinds {
    private WindowedKinds() {}

    public static boolean isGauge(Event e) {
        return e.metric != null && e.metric.kind == MetricKind.GAUGE && e.metric.value != null;
    }

    public static boolean hasResources(Event e) {
        return e.metric != null && e.metric.resource != null;
    }

    // ---- counters ----------------------------------------------------------------------------------

    /** Sum of increases and number of resets. */
    public static class CounterSum {
        public double delta;
        public long resets;
        /** Counter events summed (for counting late ones). */
        public long events;

        public CounterSum() {}
    }

    public static final class SumDeltas implements AggregateFunction<CounterDelta, CounterSum, CounterSum> {
        @Override
        public CounterSum createAccumulator() {
            return new CounterSum();
        }

        @Override
        public CounterSum add(CounterDelta d, CounterSum s) {
            s.delta += d.delta;
            if (d.reset) s.resets++;
            s.events++;
            return s;
        }

        @Override
        public CounterSum getResult(CounterSum s) {
            return s;
        }

        @Override
        public CounterSum merge(CounterSum a, CounterSum b) {
            a.delta += b.delta;
            a.resets += b.resets;
            a.events += b.events;
            return a;
        }
    }

    public static final class CounterToRow extends ProcessWindowFunction<CounterSum, CounterRow, Series, TimeWindow> {
        @Override
        public void process(Series key, Context ctx, Iterable<CounterSum> sums, Collector<CounterRow> out) {
            CounterSum s = sums.iterator().next();
            CounterRow r = key.fill(new CounterRow(), ctx.window());
            r.delta = s.delta;
            r.resets = s.resets;
            out.collect(r);
        }
    }

    // ---- gauges ------------------------------------------------------------------------------------

    public static class GaugeStats {
        public long lastTimestamp = Long.MIN_VALUE;
        public double last;
        public double min = Double.POSITIVE_INFINITY;
        public double max = Double.NEGATIVE_INFINITY;
        public double sum;
        public long samples;

        public GaugeStats() {}
    }

    public static final class Gauge implements AggregateFunction<Event, GaugeStats, GaugeStats> {
        @Override
        public GaugeStats createAccumulator() {
            return new GaugeStats();
        }

        @Override
        public GaugeStats add(Event e, GaugeStats s) {
            double v = e.metric.value;
            if (e.timestamp >= s.lastTimestamp) {
                s.lastTimestamp = e.timestamp;
                s.last = v;
            }
            s.min = Math.min(s.min, v);
            s.max = Math.max(s.max, v);
            s.sum += v;
            s.samples++;
            return s;
        }

        @Override
        public GaugeStats getResult(GaugeStats s) {
            return s;
        }

        @Override
        public GaugeStats merge(GaugeStats a, GaugeStats b) {
            if (b.lastTimestamp >= a.lastTimestamp) {
                a.lastTimestamp = b.lastTimestamp;
                a.last = b.last;
            }
            a.min = Math.min(a.min, b.min);
            a.max = Math.max(a.max, b.max);
            a.sum += b.sum;
            a.samples += b.samples;
            return a;
        }
    }

    public static final class GaugeToRow extends ProcessWindowFunction<GaugeStats, GaugeRow, Series, TimeWindow> {
        @Override
        public void process(Series key, Context ctx, Iterable<GaugeStats> all, Collector<GaugeRow> out) {
            GaugeStats s = all.iterator().next();
            GaugeRow r = key.fill(new GaugeRow(), ctx.window());
            r.last = s.last;
            r.min = s.min;
            r.max = s.max;
            r.avg = s.sum / s.samples;
            r.samples = s.samples;
            out.collect(r);
        }
    }

    // ---- resources ---------------------------------------------------------------------------------

    public static class ResourceStats {
        public long samples;
        public long cpuSamples;
        public double cpuSum;
        public double cpuMax = Double.NEGATIVE_INFINITY;
        public double memoryMax = Double.NEGATIVE_INFINITY;
        public long gpuSamples;
        public double gpuSum;
        public double queueMax = Double.NEGATIVE_INFINITY;

        public ResourceStats() {}
    }

    public static final class Resources implements AggregateFunction<Event, ResourceStats, ResourceStats> {
        @Override
        public ResourceStats createAccumulator() {
            return new ResourceStats();
        }

        @Override
        public ResourceStats add(Event e, ResourceStats s) {
            ResourceUsage u = e.metric.resource;
            s.samples++;
            if (u.cpuPercent != null) {
                s.cpuSamples++;
                s.cpuSum += u.cpuPercent;
                s.cpuMax = Math.max(s.cpuMax, u.cpuPercent);
            }
            if (u.memoryBytes != null) s.memoryMax = Math.max(s.memoryMax, u.memoryBytes);
            if (u.gpuPercent != null) {
                s.gpuSamples++;
                s.gpuSum += u.gpuPercent;
            }
            if (u.queueDepth != null) s.queueMax = Math.max(s.queueMax, u.queueDepth);
            return s;
        }

        @Override
        public ResourceStats getResult(ResourceStats s) {
            return s;
        }

        @Override
        public ResourceStats merge(ResourceStats a, ResourceStats b) {
            a.samples += b.samples;
            a.cpuSamples += b.cpuSamples;
            a.cpuSum += b.cpuSum;
            a.cpuMax = Math.max(a.cpuMax, b.cpuMax);
            a.memoryMax = Math.max(a.memoryMax, b.memoryMax);
            a.gpuSamples += b.gpuSamples;
            a.gpuSum += b.gpuSum;
            a.queueMax = Math.max(a.queueMax, b.queueMax);
            return a;
        }
    }

    public static final class ResourceToRow
            extends ProcessWindowFunction<ResourceStats, ResourceRow, Instance, TimeWindow> {
        @Override
        public void process(Instance key, Context ctx, Iterable<ResourceStats> all, Collector<ResourceRow> out) {
            ResourceStats s = all.iterator().next();
            ResourceRow r = new ResourceRow();
            r.bucket = ctx.window().getStart();
            r.windowSeconds = (int) ((ctx.window().getEnd() - ctx.window().getStart()) / 1000);
            r.service = key.service();
            r.instance = key.instance();
            r.samples = s.samples;
            r.cpuPercentAvg = s.cpuSamples == 0 ? null : s.cpuSum / s.cpuSamples;
            r.cpuPercentMax = s.cpuSamples == 0 ? null : s.cpuMax;
            r.memoryBytesMax = s.memoryMax == Double.NEGATIVE_INFINITY ? null : s.memoryMax;
            r.gpuPercentAvg = s.gpuSamples == 0 ? null : s.gpuSum / s.gpuSamples;
            r.queueDepthMax = s.queueMax == Double.NEGATIVE_INFINITY ? null : s.queueMax;
            out.collect(r);
        }
    }

    /** The key of resource usage: service and instance (the host when the event names no instance, else ""). */
    @TypeInfo(Instance.Type.class)
    public record Instance(String service, String instance) {
        public static final KeyTypeInfo<Instance> TYPE = new KeyTypeInfo<>(Instance.class, new Serializer());

        public static Instance of(Event e) {
            return new Instance(e.service, e.instance != null ? e.instance : e.host != null ? e.host : "");
        }

        /** Spelled out: the hash picks the key group, so it must not depend on how a JVM hashes records. */
        @Override
        public int hashCode() {
            return 31 * service.hashCode() + instance.hashCode();
        }

        public static final class Type extends KeyTypeInfo.Factory<Instance> {
            public Type() {
                super(TYPE);
            }
        }

        public static final class Serializer extends KeySerializer<Instance> {
            @Override
            public Instance createInstance() {
                return new Instance("", "");
            }

            @Override
            protected void write(Instance k, DataOutputView out) throws IOException {
                StringValue.writeString(k.service, out);
                StringValue.writeString(k.instance, out);
            }

            @Override
            protected Instance read(DataInputView in) throws IOException {
                return new Instance(StringValue.readString(in), StringValue.readString(in));
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
}
