package dev.vigil.jobs.metrics.functions;

import dev.vigil.jobs.metrics.rows.TimingRow;
import dev.vigil.runtime.sketches.Sketches;
import dev.vigil.schema.event.Event;
import dev.vigil.schema.event.MetricKind;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** Timer observations per series and window, and their rollups by merging sketches. */
public final class Timings {
    private Timings() {}

    public static boolean isTimer(Event e) {
        return e.metric != null && e.metric.kind == MetricKind.TIMER;
    }

    public static final class Observe implements AggregateFunction<Event, TimingStats, TimingStats> {
        @Override
        public TimingStats createAccumulator() {
            return new TimingStats();
        }

        @Override
        public TimingStats add(Event e, TimingStats s) {
            s.add(e.metric.value);
            if (s.unit == null) s.unit = e.metric.unit;
            return s;
        }

        @Override
        public TimingStats getResult(TimingStats s) {
            return s;
        }

        @Override
        public TimingStats merge(TimingStats a, TimingStats b) {
            return a.merge(b);
        }
    }

    /** Stats of a window as a row of its level. */
    public static final class ToRow extends ProcessWindowFunction<TimingStats, TimingRow, Series, TimeWindow> {
        @Override
        public void process(Series key, Context ctx, Iterable<TimingStats> stats, Collector<TimingRow> out) {
            out.collect(row(key, ctx.window(), stats.iterator().next()));
        }
    }

    /**
     * A rollup: the finer rows of one coarser window merged. A finer window that fired again (late
     * data within the allowed lateness) replaces its earlier row, so nothing is counted twice.
     */
    public static final class Rollup extends ProcessWindowFunction<TimingRow, TimingRow, Series, TimeWindow> {
        @Override
        public void process(Series key, Context ctx, Iterable<TimingRow> rows, Collector<TimingRow> out) {
            Map<Long, TimingRow> latest = new LinkedHashMap<>();
            for (TimingRow r : rows) latest.put(r.bucket, r);
            TimingStats total = new TimingStats();
            for (TimingRow r : latest.values()) {
                TimingStats s = new TimingStats();
                s.count = r.count;
                s.sum = r.sum;
                s.min = r.min;
                s.max = r.max;
                s.unit = r.unit;
                s.sketch = Sketches.decode(r.sketch);
                total.merge(s);
            }
            out.collect(row(key, ctx.window(), total));
        }
    }

    public static final class RowSeries implements KeySelector<TimingRow, Series> {
        @Override
        public Series getKey(TimingRow r) {
            return Series.of(r);
        }
    }

    public static TimingRow row(Series key, TimeWindow window, TimingStats s) {
        TimingRow row = key.fill(new TimingRow(), window);
        row.unit = s.unit;
        row.count = s.count;
        row.sum = s.sum;
        row.min = s.min;
        row.max = s.max;
        row.p50 = s.sketch.getValueAtQuantile(0.50);
        row.p90 = s.sketch.getValueAtQuantile(0.90);
        row.p95 = s.sketch.getValueAtQuantile(0.95);
        row.p99 = s.sketch.getValueAtQuantile(0.99);
        row.p999 = s.sketch.getValueAtQuantile(0.999);
        row.sketch = Sketches.encode(s.sketch);
        java.util.List<int[]> bins = new java.util.ArrayList<>();
        s.sketch
                .getPositiveValueStore()
                .getAscendingStream()
                .forEach(b -> bins.add(new int[] {b.getIndex(), (int) Math.round(b.getCount())}));
        row.binIndexes = new int[bins.size()];
        row.binCounts = new long[bins.size()];
        long binned = 0;
        for (int i = 0; i < bins.size(); i++) {
            row.binIndexes[i] = bins.get(i)[0];
            row.binCounts[i] = bins.get(i)[1];
            binned += row.binCounts[i];
        }
        row.zeroCount = s.count - binned;
        return row;
    }
}
