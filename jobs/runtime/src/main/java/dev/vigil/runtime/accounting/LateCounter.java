package dev.vigil.runtime.accounting;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.apache.flink.util.function.SerializableFunction;

/**
 * Counts events that arrived after their window's allowed lateness ({@code vigil.late}). They are
 * still indexed and archived; only the already-final aggregates leave them out.
 */
public class LateCounter<T> extends ProcessFunction<T, T> {
    private final SerializableFunction<T, Long> events;
    private transient Counter late;

    LateCounter(SerializableFunction<T, Long> events) {
        this.events = events;
    }

    /** Counts the late side output ({@link Outcomes#LATE}, one event each) of {@code windowed} and ends it there. */
    public static void countLateOf(SingleOutputStreamOperator<?> windowed) {
        countLateOf(windowed, Outcomes.LATE, e -> 1L);
    }

    /** Counts the late side output {@code tag} of {@code windowed}, {@code events} per element (a pre-aggregated partial holds many). */
    public static <T> void countLateOf(
            SingleOutputStreamOperator<?> windowed, OutputTag<T> tag, SerializableFunction<T, Long> events) {
        countLateOf(windowed, tag, events, "late");
    }

    /** As above, with its own operator uids ({@code uid}, {@code uid-sink}) for a job that counts several windows' late events. */
    public static <T> void countLateOf(
            SingleOutputStreamOperator<?> windowed,
            OutputTag<T> tag,
            SerializableFunction<T, Long> events,
            String uid) {
        String name = uid.equals("late")
                ? "late events"
                : "late events (" + uid + ")"; // metric identifiers carry operator names
        windowed.getSideOutput(tag)
                .process(new LateCounter<>(events), tag.getTypeInfo())
                .uid(uid)
                .name(name)
                .sinkTo(new DiscardingSink<>())
                .uid(uid + "-sink")
                .name(name.replace("events", "counted"));
    }

    @Override
    public void open(OpenContext context) {
        late = getRuntimeContext().getMetricGroup().addGroup("vigil").counter("late");
    }

    @Override
    public void processElement(T e, Context ctx, Collector<T> out) {
        late.inc(events.apply(e));
        out.collect(e);
    }
}
