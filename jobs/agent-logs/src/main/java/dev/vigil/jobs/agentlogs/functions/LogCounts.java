package dev.vigil.jobs.agentlogs.functions;

import dev.vigil.schema.event.Event;
import dev.vigil.schema.rows.LogCountRow;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** Events per window by service, level and agent. */
public final class LogCounts {
    private LogCounts() {}

    /** The grouping key: service, level and agent ("" when not an agent step), joined by a separator no name may contain. */
    public static final class Key implements KeySelector<Event, String> {
        @Override
        public String getKey(Event e) {
            return e.service + '\u0001' + e.agentLog.level + '\u0001' + (e.agentLog.agentId == null ? "" : e.agentLog.agentId);
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

    public static final class ToRow extends ProcessWindowFunction<Long, LogCountRow, String, TimeWindow> {
        @Override
        public void process(String key, Context ctx, Iterable<Long> counts, Collector<LogCountRow> out) {
            String[] parts = key.split("\u0001", -1);
            LogCountRow row = new LogCountRow();
            row.bucket = ctx.window().getStart();
            row.windowSeconds = (int) ((ctx.window().getEnd() - ctx.window().getStart()) / 1000);
            row.service = parts[0];
            row.level = parts[1];
            row.agentId = parts[2];
            row.events = counts.iterator().next();
            out.collect(row);
        }
    }
}
