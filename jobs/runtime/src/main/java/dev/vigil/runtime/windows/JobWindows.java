package dev.vigil.runtime.windows;

import dev.vigil.runtime.config.VigilConfig;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.OutputTag;

/**
 * A job's configured window, in one place: the assigner and allowed lateness of
 * {@code windows.<job>.*}, late elements to a side output counted as {@link LateEvents} says, and the
 * aggregate. Every event-time window over a job's events is built here; pre-aggregated ones through
 * {@link PaneWindows}.
 */
public final class JobWindows {
    private JobWindows() {}

    /**
     * @param uid the window operator's uid; a late counter it owns is {@code <uid>-late}
     */
    public static <T, K, ACC, V, R> SingleOutputStreamOperator<R> aggregate(
            KeyedStream<T, K> keyed,
            VigilConfig config,
            String job,
            AggregateFunction<T, ACC, V> aggregate,
            ProcessWindowFunction<V, R, K, TimeWindow> toRow,
            LateEvents<T> late,
            String uid,
            String name) {
        OutputTag<T> lateTag = new OutputTag<>(uid + "-late", keyed.getType());
        SingleOutputStreamOperator<R> windowed = keyed.window(WindowAssigners.of(config, job))
                .allowedLateness(WindowAssigners.allowedLateness(config, job))
                .sideOutputLateData(lateTag)
                .aggregate(aggregate, toRow)
                .uid(uid)
                .name(name);
        late.attach(windowed, lateTag, uid);
        return windowed;
    }
}
