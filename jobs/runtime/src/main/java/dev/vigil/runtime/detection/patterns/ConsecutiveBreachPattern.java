package dev.vigil.runtime.detection.patterns;

import dev.vigil.runtime.detection.Alerts;
import dev.vigil.runtime.detection.Observation;
import dev.vigil.schema.event.Alert;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.cep.CEP;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.Collector;

/**
 * Flink CEP: k consecutive observations of one series that breach a {@link BreachRule}. After a match
 * the next one may start one window later, so while the breach lasts every window reports it again
 * and the alert stays active; when it stops, the alerting job resolves the alert.
 */
public final class ConsecutiveBreachPattern {
    private ConsecutiveBreachPattern() {}

    public static Pattern<Observation, Observation> pattern(BreachRule rule) {
        return Pattern.<Observation>begin("breach", AfterMatchSkipStrategy.skipToNext())
                .where(new Breached(rule))
                .times(rule.windows)
                .consecutive();
    }

    /** Alerts for the series of {@code scored} (already through the baseline scorer) that breach {@code rule}. */
    public static SingleOutputStreamOperator<Alert> detect(DataStream<Observation> scored, BreachRule rule) {
        return CEP.pattern(
                        candidates(scored, rule).keyBy(o -> o.series, TypeInformation.of(String.class)), pattern(rule))
                .process(new ToAlert(rule))
                .uid("cep-" + rule.alertName)
                .name("CEP " + rule.alertName);
    }

    /**
     * What can take part in a match, filtered before the shuffle so the CEP operator does not buffer and
     * judge the rest in its state: a series is one metric's ({@link Observation#series} starts with it), so
     * another metric's observations never meet the rule's; and a one-window rule needs no window that does
     * not breach (a longer one does: it breaks a run).
     */
    static DataStream<Observation> candidates(DataStream<Observation> scored, BreachRule rule) {
        if (rule.metric == null && rule.windows > 1) return scored;
        return scored.filter(new Candidate(rule))
                .uid("cep-" + rule.alertName + "-candidates")
                .name(rule.alertName + " candidates");
    }

    static final class Candidate implements FilterFunction<Observation> {
        private final BreachRule rule;

        Candidate(BreachRule rule) {
            this.rule = rule;
        }

        @Override
        public boolean filter(Observation o) {
            return rule.windows == 1 ? rule.breached(o) : rule.metric.equals(o.metric);
        }
    }

    static final class Breached extends SimpleCondition<Observation> {
        private final BreachRule rule;

        Breached(BreachRule rule) {
            this.rule = rule;
        }

        @Override
        public boolean filter(Observation o) {
            return rule.breached(o);
        }
    }

    static final class ToAlert extends PatternProcessFunction<Observation, Alert> {
        private final BreachRule rule;

        ToAlert(BreachRule rule) {
            this.rule = rule;
        }

        @Override
        public void processMatch(Map<String, List<Observation>> match, Context ctx, Collector<Alert> out) {
            List<Observation> windows = match.get("breach");
            Observation first = windows.get(0);
            Observation last = windows.get(windows.size() - 1);
            String summary = rule.summary
                    .replace("{service}", last.service)
                    .replace("{metric}", last.metric)
                    .replace("{observed}", Alerts.format(last.value))
                    .replace("{baseline}", Alerts.format(last.baseline))
                    .replace("{windows}", Integer.toString(windows.size()))
                    .replace("{detail}", last.detail == null || last.detail.isEmpty() ? "" : "; " + last.detail);
            Alert a = Alerts.of(rule.alertName, last, summary);
            a.windowStart = first.windowStart;
            out.collect(a);
        }
    }
}
