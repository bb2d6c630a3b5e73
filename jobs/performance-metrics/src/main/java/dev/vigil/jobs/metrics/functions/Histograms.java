package dev.vigil.jobs.metrics.functions;

import dev.vigil.jobs.metrics.rows.HistogramRow;
import dev.vigil.schema.event.Event;
import dev.vigil.schema.event.MetricKind;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Histogram-typed inputs merged bucket-wise: the union of bounds, counts summed per bound. One event
 * holds at most 256 buckets (the contract); a union of many layouts is coarsened to at most
 * {@value #MAX_BOUNDS} bounds by merging neighbours, so no producer can grow a window's state without
 * bound (counts and the total stay exact, only resolution is lost).
 */
public final class Histograms {
    static final int MAX_BOUNDS = 1024;

    private Histograms() {}

    public static boolean isHistogram(Event e) {
        return e.metric != null && e.metric.kind == MetricKind.HISTOGRAM && e.metric.bucketBounds != null;
    }

    /** Buckets so far, sorted by bound. */
    public static class Buckets {
        public double[] bounds = new double[0];
        public long[] counts = new long[0];
        /** Histogram events merged (for counting late ones). */
        public long events;

        public Buckets() {}
    }

    /** Merges sorted (bounds, counts) pairs into one sorted union, adding counts of equal bounds. */
    static Buckets merge(double[] b1, long[] c1, double[] b2, long[] c2) {
        double[] bounds = new double[b1.length + b2.length];
        long[] counts = new long[b1.length + b2.length];
        int i = 0, j = 0, n = 0;
        while (i < b1.length || j < b2.length) {
            if (j >= b2.length || (i < b1.length && b1[i] < b2[j])) {
                bounds[n] = b1[i];
                counts[n++] = c1[i++];
            } else if (i >= b1.length || b2[j] < b1[i]) {
                bounds[n] = b2[j];
                counts[n++] = c2[j++];
            } else {
                bounds[n] = b1[i];
                counts[n++] = c1[i++] + c2[j++];
            }
        }
        while (n > MAX_BOUNDS) n = halve(bounds, counts, n);
        Buckets out = new Buckets();
        out.bounds = java.util.Arrays.copyOf(bounds, n);
        out.counts = java.util.Arrays.copyOf(counts, n);
        return out;
    }

    /** Merges each pair of neighbouring buckets into one (the upper bound, the summed count), in place; returns the new length. */
    static int halve(double[] bounds, long[] counts, int n) {
        int m = 0;
        for (int i = 0; i < n; i += 2) {
            int last = Math.min(i + 1, n - 1);
            bounds[m] = bounds[last];
            counts[m] = counts[i] + (last != i ? counts[last] : 0);
            m++;
        }
        return m;
    }

    public static final class MergeBuckets implements AggregateFunction<Event, Buckets, Buckets> {
        @Override
        public Buckets createAccumulator() {
            return new Buckets();
        }

        @Override
        public Buckets add(Event e, Buckets acc) {
            if (java.util.Arrays.equals(acc.bounds, e.metric.bucketBounds)) { // a producer's usual layout: add in place
                for (int i = 0; i < acc.counts.length; i++) acc.counts[i] += e.metric.bucketCounts[i];
                acc.events++;
                return acc;
            }
            Buckets merged = Histograms.merge(acc.bounds, acc.counts, e.metric.bucketBounds, e.metric.bucketCounts);
            merged.events = acc.events + 1;
            return merged;
        }

        @Override
        public Buckets getResult(Buckets acc) {
            return acc;
        }

        @Override
        public Buckets merge(Buckets a, Buckets b) {
            Buckets merged = Histograms.merge(a.bounds, a.counts, b.bounds, b.counts);
            merged.events = a.events + b.events;
            return merged;
        }
    }

    public static final class ToRow extends ProcessWindowFunction<Buckets, HistogramRow, Series, TimeWindow> {
        @Override
        public void process(Series key, Context ctx, Iterable<Buckets> all, Collector<HistogramRow> out) {
            Buckets b = all.iterator().next();
            HistogramRow r = key.fill(new HistogramRow(), ctx.window());
            r.bounds = b.bounds;
            r.counts = b.counts;
            for (long c : b.counts) r.total += c;
            r.p50Upper = upperBound(b, r.total, 0.50);
            r.p95Upper = upperBound(b, r.total, 0.95);
            r.p99Upper = upperBound(b, r.total, 0.99);
            out.collect(r);
        }
    }

    /** The bound of the first bucket whose cumulative count exceeds the rank q * (total - 1). */
    static double upperBound(Buckets b, long total, double q) {
        if (total == 0) return Double.NaN;
        double rank = q * (total - 1);
        long through = 0;
        for (int i = 0; i < b.bounds.length; i++) {
            through += b.counts[i];
            if (through > rank) return b.bounds[i];
        }
        return b.bounds[b.bounds.length - 1];
    }
}
