package dev.vigil.runtime.detection.patterns;

import dev.vigil.schema.event.Alert;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.cep.CEP;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.Collector;

/**
 * Flink CEP: {@code count} events of one key within {@code within} (an error group spiking, an agent
 * calling one tool over and over). A match consumes its events, so a burst that goes on reports once
 * per {@code count} events and keeps its alert active.
 */
public final class BurstPattern {
    private BurstPattern() {}

    /** Turns the events of one match into an alert. */
    public interface AlertFactory<T> extends Serializable {
        Alert create(List<T> events);
    }

    public static <T> Pattern<T, T> pattern(int count, Duration within) {
        return Pattern.<T>begin("burst", AfterMatchSkipStrategy.skipPastLastEvent())
                .times(count)
                .within(within);
    }

    public static <T> SingleOutputStreamOperator<Alert> detect(
            DataStream<T> events,
            KeySelector<T, String> key,
            int count,
            Duration within,
            String name,
            AlertFactory<T> factory) {
        return CEP.pattern(events.keyBy(key, TypeInformation.of(String.class)), BurstPattern.<T>pattern(count, within))
                .process(new ToAlert<>(factory))
                .uid("cep-" + name)
                .name("CEP " + name);
    }

    static final class ToAlert<T> extends PatternProcessFunction<T, Alert> {
        private final AlertFactory<T> factory;

        ToAlert(AlertFactory<T> factory) {
            this.factory = factory;
        }

        @Override
        public void processMatch(Map<String, List<T>> match, Context ctx, Collector<Alert> out) {
            out.collect(factory.create(match.get("burst")));
        }
    }
}
