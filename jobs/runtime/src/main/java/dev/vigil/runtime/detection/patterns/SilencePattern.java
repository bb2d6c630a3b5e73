package dev.vigil.runtime.detection.patterns;

import dev.vigil.runtime.detection.Alerts;
import dev.vigil.runtime.detection.Observation;
import dev.vigil.schema.event.Alert;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.cep.CEP;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.functions.TimedOutPartialMatchHandler;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Flink CEP: a series that reported and then reported nothing for {@code after} (in event time, so it
 * needs other traffic to move the watermark). Each observation waits for the next; one that times out
 * is the silence. The end of a bounded input (a replay) moves the watermark to its end as well, which
 * is not silence: a timeout is kept until a real watermark passes it ({@link UnlessEndOfInput}).
 */
public final class SilencePattern {
    public static final String NAME = "Silence";
    static final OutputTag<Alert> SILENT = new OutputTag<>("silent", TypeInformation.of(Alert.class));

    private SilencePattern() {}

    public static Pattern<Observation, Observation> pattern(String metric, Duration after) {
        return Pattern.<Observation>begin("seen")
                .where(new OfMetric(metric))
                .followedBy("next")
                .where(new OfMetric(metric))
                .within(after);
    }

    public static DataStream<Alert> detect(DataStream<Observation> observations, String metric, Duration after) {
        // series are per metric: the others' never match, so they do not cross the shuffle into CEP's state
        DataStream<Observation> ofMetric = observations
                .filter(o -> metric.equals(o.metric))
                .uid("cep-" + NAME + "-candidates")
                .name(NAME + " candidates");
        SingleOutputStreamOperator<Void> matches = CEP.pattern(
                        ofMetric.keyBy(o -> o.series, TypeInformation.of(String.class)), pattern(metric, after))
                .process(new OnTimeout(after))
                .uid("cep-" + NAME)
                .name("CEP " + NAME);
        return matches.getSideOutput(SILENT)
                .keyBy(a -> a.fingerprint, TypeInformation.of(String.class))
                .process(new UnlessEndOfInput())
                .uid("cep-" + NAME + "-confirmed")
                .name(NAME + " unless the input ended");
    }

    /**
     * Passes a silence on once a watermark short of the end of input has passed it; one that only the end of a
     * bounded input passed is dropped and counted ({@code vigil.silenceAtEndOfInput}). CEP emits a timeout before
     * it forwards the watermark that caused it, so the timer set here fires on that same watermark.
     */
    static final class UnlessEndOfInput extends KeyedProcessFunction<String, Alert, Alert> {
        private transient ValueState<Alert> pending;
        private transient Counter atEndOfInput;

        @Override
        public void open(OpenContext context) {
            pending = getRuntimeContext()
                    .getState(new ValueStateDescriptor<>("pending-silence", TypeInformation.of(Alert.class)));
            atEndOfInput =
                    getRuntimeContext().getMetricGroup().addGroup("vigil").counter("silenceAtEndOfInput");
        }

        @Override
        public void processElement(Alert silence, Context ctx, Collector<Alert> out) throws Exception {
            pending.update(silence);
            ctx.timerService().registerEventTimeTimer(silence.startsAt);
        }

        @Override
        public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
            Alert silence = pending.value();
            pending.clear();
            if (silence == null) return;
            if (ctx.timerService().currentWatermark() == Long.MAX_VALUE) {
                atEndOfInput.inc();
            } else {
                out.collect(silence);
            }
        }
    }

    static final class OfMetric extends SimpleCondition<Observation> {
        private final String metric;

        OfMetric(String metric) {
            this.metric = metric;
        }

        @Override
        public boolean filter(Observation o) {
            return metric.equals(o.metric);
        }
    }

    static final class OnTimeout extends PatternProcessFunction<Observation, Void>
            implements TimedOutPartialMatchHandler<Observation> {
        private final long afterMillis;

        OnTimeout(Duration after) {
            this.afterMillis = after.toMillis();
        }

        @Override
        public void processMatch(Map<String, List<Observation>> match, Context ctx, Collector<Void> out) {
            // The series reported again in time: nothing to say.
        }

        @Override
        public void processTimedOutMatch(Map<String, List<Observation>> match, Context ctx) {
            Observation last = match.get("seen").get(0);
            Alert a = Alerts.firing(
                    NAME,
                    "critical",
                    last.service,
                    last.series,
                    last.windowEnd,
                    last.windowEnd + afterMillis,
                    0,
                    last.value,
                    last.service + " sent no " + last.metric + " for " + (afterMillis / 1000) + " s");
            ctx.output(SILENT, a);
        }
    }
}
