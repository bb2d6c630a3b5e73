package dev.vigil.runtime.detection;

import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.config.VigilOptions;
import dev.vigil.runtime.detection.baseline.BaselineSettings;
import dev.vigil.runtime.detection.baseline.KnnCadState;
import dev.vigil.runtime.detection.baseline.LikelihoodState;
import dev.vigil.runtime.detection.baseline.Score;
import dev.vigil.runtime.detection.baseline.SeriesJudge;
import dev.vigil.runtime.state.StateExpiry;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/** Keyed by series: judges each observation against the series' baseline, then teaches it the point. */
public class BaselineScorer extends KeyedProcessFunction<String, Observation, Observation> {
    private final BaselineSettings settings;
    private final Duration ttl;
    private transient ValueState<LikelihoodState> state;
    /** Null unless the method is knn-cad. */
    private transient ValueState<KnnCadState> knnCadState;

    private transient SeriesJudge judge;
    private transient Score score;

    public BaselineScorer(BaselineSettings settings, Duration ttl) {
        this.settings = settings;
        this.ttl = ttl;
    }

    /** {@code observations} judged against their series' baselines, with the settings of {@code detection.baseline.*}. */
    public static SingleOutputStreamOperator<Observation> scored(
            DataStream<Observation> observations, VigilConfig config) {
        return observations
                .keyBy(o -> o.series, TypeInformation.of(String.class))
                .process(new BaselineScorer(
                        BaselineSettings.from(config), Duration.ofMillis(config.get(VigilOptions.BASELINE_TTL))))
                .uid("baselines")
                .name("baselines");
    }

    @Override
    public void open(OpenContext ctx) {
        // "likelihood", not the old "baseline" state: a savepoint's baselines of the previous detector are not read,
        // every
        // series learns again (warm-up points) after the upgrade
        ValueStateDescriptor<LikelihoodState> d =
                new ValueStateDescriptor<>("likelihood", TypeInformation.of(LikelihoodState.class));
        d.enableTimeToLive(StateExpiry.afterLastWrite(ttl));
        state = getRuntimeContext().getState(d);
        judge = settings.judge();
        if (judge.usesKnnCad()) {
            // its own state beside the likelihood's: switching the method keeps the median and its warm-up
            ValueStateDescriptor<KnnCadState> k =
                    new ValueStateDescriptor<>("knn-cad", TypeInformation.of(KnnCadState.class));
            k.enableTimeToLive(StateExpiry.afterLastWrite(ttl));
            knnCadState = getRuntimeContext().getState(k);
        }
        score = new Score();
    }

    @Override
    public void processElement(Observation o, Context ctx, Collector<Observation> out) throws Exception {
        LikelihoodState s = state.value();
        if (s == null) s = judge.newLikelihoodState();
        KnnCadState k = null;
        if (knnCadState != null) {
            k = knnCadState.value();
            if (k == null) k = judge.newKnnCadState();
        }
        judge.judge(s, k, o.windowStart, o.value, score);
        state.update(s);
        if (k != null) knnCadState.update(k);
        o.baseline = score.baseline;
        o.score = score.score;
        o.anomaly = score.warm && score.score >= settings.threshold;
        o.warm = score.warm;
        out.collect(o);
    }
}
