package dev.vigil.jobs.metrics.functions;

import dev.vigil.runtime.state.StateExpiry;
import dev.vigil.schema.event.Event;
import dev.vigil.schema.event.MetricKind;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Cumulative histograms (bucket counts since the process started, as Prometheus and OpenTelemetry SDKs report them
 * by default) to the observations between two reports of one instance, as {@link MetricKind#HISTOGRAM}s for the
 * histogram windows. Keyed like counters (series and instance). The first report of an instance only sets the
 * baseline; a report older than the last is out of order and ignored. Each earlier bucket is carried into the
 * narrowest current bucket that contains it (buckets that appear, or merge as an exponential histogram lowers its
 * scale, stay exact); a count that falls, or an earlier bucket no current one contains, means the process
 * restarted, and the report's own counts are the observations. The last report expires after the TTL. Histograms
 * that are observations already pass through untouched.
 */
public class HistogramDeltas extends KeyedProcessFunction<CounterDeltas.Instance, Event, Event> {
    private final Duration ttl;
    private transient ValueState<Report> last;

    public HistogramDeltas(Duration ttl) {
        this.ttl = ttl;
    }

    public static boolean isCumulativeHistogram(Event e) {
        return e.metric != null && e.metric.kind == MetricKind.CUMULATIVE_HISTOGRAM && e.metric.bucketBounds != null;
    }

    /** An instance's last report (a POJO: Flink serialises its primitive arrays natively). */
    public static class Report {
        public long timestamp;
        public double[] bounds;
        public long[] counts;

        public Report() {}

        Report(long timestamp, double[] bounds, long[] counts) {
            this.timestamp = timestamp;
            this.bounds = bounds;
            this.counts = counts;
        }
    }

    @Override
    public void open(OpenContext context) {
        ValueStateDescriptor<Report> d = new ValueStateDescriptor<>("last-histogram", Report.class);
        d.enableTimeToLive(StateExpiry.afterLastWrite(ttl));
        last = getRuntimeContext().getState(d);
    }

    @Override
    public void processElement(Event e, Context ctx, Collector<Event> out) throws Exception {
        if (e.metric.kind == MetricKind.HISTOGRAM) {
            out.collect(e); // already observations
            return;
        }
        Report previous = last.value();
        if (previous != null && e.timestamp < previous.timestamp) return;
        long[] totals = e.metric.bucketCounts;
        last.update(new Report(e.timestamp, e.metric.bucketBounds, totals));
        if (previous == null) return;
        long[] observed = observedSince(previous.bounds, previous.counts, e.metric.bucketBounds, totals);
        boolean any = false;
        for (long c : observed) any |= c != 0;
        if (!any) return;
        e.metric.kind = MetricKind.HISTOGRAM;
        e.metric.bucketCounts = observed;
        out.collect(e);
    }

    /**
     * The counts observed since {@code (bounds0, counts0)}: each earlier bucket subtracted from the narrowest current
     * bucket containing it (the first bound at or above its own); the current counts themselves after a restart.
     */
    static long[] observedSince(double[] bounds0, long[] counts0, double[] bounds, long[] counts) {
        long[] observed = counts.clone();
        int j = 0;
        for (int i = 0; i < bounds0.length; i++) {
            while (j < bounds.length && bounds[j] < bounds0[i]) j++;
            if (j == bounds.length) return counts; // an earlier bucket above every current one: a new layout
            observed[j] -= counts0[i];
        }
        for (long c : observed) if (c < 0) return counts; // a count fell: the process restarted
        return observed;
    }
}
