package dev.vigil.runtime.detection.patterns;

import dev.vigil.runtime.detection.Alerts;
import dev.vigil.runtime.detection.Observation;
import dev.vigil.schema.event.Alert;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.cep.CEP;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.functions.TimedOutPartialMatchHandler;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Flink CEP: a series that reported and then reported nothing for {@code after} (in event time, so it
 * needs other traffic to move the watermark). Each observation waits for the next; one that times out
 * is the silence.
 */
public final class SilencePattern {
    public static final String NAME = "Silence";
    static final OutputTag<Alert> SILENT = new OutputTag<>("silent", TypeInformation.of(Alert.class));

    private SilencePattern() {}

    public static Pattern<Observation, Observation> pattern(String metric, Duration after) {
        return Pattern.<Observation>begin("seen").where(new OfMetric(metric))
                .followedBy("next").where(new OfMetric(metric))
                .within(after);
    }

    public static DataStream<Alert> detect(DataStream<Observation> observations, String metric, Duration after) {
        SingleOutputStreamOperator<Void> matches = CEP.pattern(observations.keyBy(o -> o.series, TypeInformation.of(String.class)),
                        pattern(metric, after))
                .process(new OnTimeout(after))
                .uid("cep-" + NAME).name("CEP " + NAME);
        return matches.getSideOutput(SILENT);
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

    static final class OnTimeout extends PatternProcessFunction<Observation, Void> implements TimedOutPartialMatchHandler<Observation> {
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
            Alert a = Alerts.firing(NAME, "critical", last.service, last.series, last.windowEnd, last.windowEnd + afterMillis,
                    0, last.value, last.service + " sent no " + last.metric + " for " + (afterMillis / 1000) + " s");
            ctx.output(SILENT, a);
        }
    }
}
