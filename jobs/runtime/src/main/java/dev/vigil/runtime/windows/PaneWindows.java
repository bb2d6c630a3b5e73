package dev.vigil.runtime.windows;

import dev.vigil.runtime.config.VigilConfig;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/**
 * The job's configured window ({@link JobWindows}) over pre-aggregated partials
 * ({@link PaneCombiner#keyed}): the partials merged with the pre-aggregation's own function, late
 * partials counted by the events they hold.
 */
public final class PaneWindows {
    private PaneWindows() {}

    /**
     * @param late who counts late partials, by the events their accumulators hold
     * @param uid the window operator's uid; a late counter it owns is {@code <uid>-late}
     */
    public static <K, ACC, R> SingleOutputStreamOperator<R> aggregate(
            KeyedStream<Tuple2<K, ACC>, K> partials,
            VigilConfig config,
            String job,
            AggregateFunction<?, ACC, ACC> aggregate,
            ProcessWindowFunction<ACC, R, K, TimeWindow> toRow,
            LateEvents<ACC> late,
            String uid,
            String name) {
        return JobWindows.aggregate(
                partials,
                config,
                job,
                PaneCombiner.merging(aggregate),
                toRow,
                late.of(partial -> partial.f1),
                uid,
                name);
    }
}
