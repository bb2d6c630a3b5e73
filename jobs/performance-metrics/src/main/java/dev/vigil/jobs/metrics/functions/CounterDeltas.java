package dev.vigil.jobs.metrics.functions;

import dev.vigil.runtime.state.StateExpiry;
import dev.vigil.schema.event.Event;
import dev.vigil.schema.event.MetricKind;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Counter totals to increases, per instance (keyed by series and instance). A total below the
 * previous one means the process restarted: the new total is the increase. The first total of an
 * instance only sets the baseline; a total older than the last one seen is out of order and ignored.
 * The last total expires after the configured TTL, so vanished instances leave no state behind.
 */
public class CounterDeltas extends KeyedProcessFunction<String, Event, CounterDelta> {
    private final Duration ttl;
    private final SeriesKey series;
    private transient ValueState<Tuple2<Long, Double>> last;

    public CounterDeltas(Duration ttl, SeriesKey series) {
        this.ttl = ttl;
        this.series = series;
    }

    public static boolean isCounter(Event e) {
        return e.metric != null && e.metric.kind == MetricKind.COUNTER;
    }

    /** Counters are keyed per instance: totals of different processes are never compared. */
    public static String instanceKey(Event e, SeriesKey series) {
        return series.getKey(e) + '\u0001' + (e.instance == null ? "" : e.instance) + '\u0001' + (e.host == null ? "" : e.host);
    }

    /** The series part of an {@link #instanceKey}: everything before its last two fields. */
    static String seriesOf(String instanceKey) {
        int instanceSep = instanceKey.lastIndexOf('\u0001', instanceKey.lastIndexOf('\u0001') - 1);
        return instanceKey.substring(0, instanceSep);
    }

    @Override
    public void open(OpenContext context) {
        ValueStateDescriptor<Tuple2<Long, Double>> d = new ValueStateDescriptor<>("last-total", Types.TUPLE(Types.LONG, Types.DOUBLE));
        d.enableTimeToLive(StateExpiry.afterLastWrite(ttl));
        last = getRuntimeContext().getState(d);
    }

    @Override
    public void processElement(Event e, Context ctx, Collector<CounterDelta> out) throws Exception {
        double total = e.metric.value;
        Tuple2<Long, Double> previous = last.value();
        if (previous != null && e.timestamp < previous.f0) return;
        last.update(Tuple2.of(e.timestamp, total));
        if (previous == null) return;
        CounterDelta d = new CounterDelta();
        d.series = seriesOf(ctx.getCurrentKey());
        d.timestamp = e.timestamp;
        d.reset = total < previous.f1;
        d.delta = d.reset ? total : total - previous.f1;
        out.collect(d);
    }
}
