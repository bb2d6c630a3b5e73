package dev.vigil.runtime.windows;

import dev.vigil.runtime.accounting.LateCounter;
import dev.vigil.runtime.config.VigilConfig;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.OutputTag;
import org.apache.flink.util.function.SerializableFunction;

/**
 * The job's configured window over pre-aggregated partials ({@link PaneCombiner#keyed}), in one
 * place: its assigner and allowed lateness, partials later than that counted as {@code vigil.late}
 * (by the events they hold), the partials merged with the pre-aggregation's own function.
 */
public final class PaneWindows {
    private PaneWindows() {}

    /**
     * @param eventsIn how many input events an accumulator holds, so late partials count their events
     * @param uid the window operator's uid; its late counter is {@code <uid>-late}
     */
    public static <K, ACC, R> SingleOutputStreamOperator<R> aggregate(
            KeyedStream<Tuple2<K, ACC>, K> partials,
            VigilConfig config,
            String job,
            AggregateFunction<?, ACC, ACC> aggregate,
            ProcessWindowFunction<ACC, R, K, TimeWindow> toRow,
            SerializableFunction<ACC, Long> eventsIn,
            String uid,
            String name) {
        OutputTag<Tuple2<K, ACC>> late = new OutputTag<>(uid + "-late", partials.getType());
        SingleOutputStreamOperator<R> windowed = partials.window(WindowAssigners.of(config, job))
                .allowedLateness(WindowAssigners.allowedLateness(config, job))
                .sideOutputLateData(late)
                .aggregate(PaneCombiner.merging(aggregate), toRow)
                .uid(uid)
                .name(name);
        LateCounter.countLateOf(windowed, late, partial -> eventsIn.apply(partial.f1), uid + "-late");
        return windowed;
    }
}
