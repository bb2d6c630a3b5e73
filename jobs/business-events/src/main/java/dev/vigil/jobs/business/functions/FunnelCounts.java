package dev.vigil.jobs.business.functions;

import dev.vigil.schema.rows.FunnelRow;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** Users reaching each funnel step per window and dimension value. */
public final class FunnelCounts {
    private FunnelCounts() {}

    public static final class Key implements KeySelector<FunnelStep, String> {
        @Override
        public String getKey(FunnelStep s) {
            return s.funnel + '\u0001' + s.dimension + '\u0001' + s.step + '\u0001' + s.stepName;
        }
    }

    public static final class Count implements AggregateFunction<FunnelStep, Long, Long> {
        @Override public Long createAccumulator() { return 0L; }
        @Override public Long add(FunnelStep s, Long n) { return n + 1; }
        @Override public Long getResult(Long n) { return n; }
        @Override public Long merge(Long a, Long b) { return a + b; }
    }

    public static final class ToRow extends ProcessWindowFunction<Long, FunnelRow, String, TimeWindow> {
        @Override
        public void process(String key, Context ctx, Iterable<Long> counts, Collector<FunnelRow> out) {
            String[] k = key.split("\u0001", -1);
            FunnelRow r = new FunnelRow();
            r.bucket = ctx.window().getStart();
            r.windowSeconds = (int) ((ctx.window().getEnd() - ctx.window().getStart()) / 1000);
            r.funnel = k[0];
            r.dimension = k[1];
            r.step = Integer.parseInt(k[2]);
            r.stepName = k[3];
            r.users = counts.iterator().next();
            out.collect(r);
        }
    }
}
