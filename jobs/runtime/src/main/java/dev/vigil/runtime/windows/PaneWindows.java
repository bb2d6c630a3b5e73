package dev.vigil.runtime.windows;

import dev.vigil.runtime.config.VigilConfig;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.datastream.DataStream;
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

    /**
     * Pre-aggregates {@code events} per key and pane ({@link PaneCombiner#keyed}), then windows the
     * partials as {@link #aggregate} does, with the one {@code aggregate} for both.
     *
     * @param preAggregateUid the pre-aggregation operator's uid
     * @param uid the window operator's uid; a late counter it owns is {@code <uid>-late}
     */
    public static <IN, K, ACC, R> SingleOutputStreamOperator<R> keyedAggregate(
            DataStream<IN> events,
            KeySelector<IN, K> keys,
            TypeInformation<K> keyType,
            AggregateFunction<IN, ACC, ACC> aggregate,
            Class<ACC> accumulator,
            ProcessWindowFunction<ACC, R, K, TimeWindow> toRow,
            LateEvents<ACC> late,
            VigilConfig config,
            String job,
            String preAggregateUid,
            String uid,
            String name) {
        return aggregate(
                PaneCombiner.keyed(events, keys, keyType, aggregate, accumulator, config, job, preAggregateUid),
                config,
                job,
                aggregate,
                toRow,
                late,
                uid,
                name);
    }
}
