package dev.vigil.jobs.metrics.functions;

import com.datadoghq.sketch.ddsketch.DDSketch;
import dev.vigil.runtime.detection.Observation;
import dev.vigil.runtime.detection.patterns.ErrorRateBreachPattern;
import dev.vigil.runtime.detection.patterns.LatencyRegressionPattern;
import dev.vigil.runtime.detection.patterns.ThroughputDropPattern;
import dev.vigil.runtime.sketches.DDSketchTypeInfo;
import dev.vigil.runtime.sketches.Sketches;
import dev.vigil.schema.event.Event;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.typeinfo.TypeInfo;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Per service and window, from its request timers: p95 latency, share of 5xx responses (status tag)
 * and the number of requests - the series the latency, error-rate, throughput and silence detectors
 * watch.
 */
public final class RequestObservations {
    private RequestObservations() {}

    public static boolean isRequest(Event e, String requestMetric) {
        return e.metric != null && e.metric.value != null && requestMetric.equals(e.metric.name) && Timings.isTimer(e);
    }

    /** Accumulator (a Flink POJO). */
    public static class Requests {
        public long count;
        public long failed;

        @TypeInfo(DDSketchTypeInfo.Factory.class)
        public DDSketch latency = Sketches.empty();

        public Requests() {}
    }

    public static final class Count implements AggregateFunction<Event, Requests, Requests> {
        @Override
        public Requests createAccumulator() {
            return new Requests();
        }

        @Override
        public Requests add(Event e, Requests r) {
            r.count++;
            String status = e.metric.tags == null ? null : e.metric.tags.get("status");
            if (status != null && status.length() == 3 && status.charAt(0) == '5') r.failed++;
            r.latency.accept(e.metric.value);
            return r;
        }

        @Override
        public Requests getResult(Requests r) {
            return r;
        }

        @Override
        public Requests merge(Requests a, Requests b) {
            a.count += b.count;
            a.failed += b.failed;
            a.latency.mergeWith(b.latency);
            return a;
        }
    }

    public static final class ToObservations extends ProcessWindowFunction<Requests, Observation, String, TimeWindow> {
        @Override
        public void process(String service, Context ctx, Iterable<Requests> all, Collector<Observation> out) {
            Requests r = all.iterator().next();
            long start = ctx.window().getStart();
            long end = ctx.window().getEnd();
            out.collect(Observation.of(
                    LatencyRegressionPattern.METRIC,
                    service,
                    null,
                    start,
                    end,
                    r.latency.getValueAtQuantile(0.95),
                    r.count));
            out.collect(Observation.of(
                    ErrorRateBreachPattern.METRIC, service, null, start, end, (double) r.failed / r.count, r.count));
            out.collect(Observation.of(ThroughputDropPattern.METRIC, service, null, start, end, r.count, r.count));
        }
    }
}
