package dev.vigil.runtime.accounting;

import dev.vigil.schema.event.Event;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Counts events that arrived after their window's allowed lateness ({@code vigil.late}). They are
 * still indexed and archived; only the already-final aggregates leave them out.
 */
public class LateCounter extends ProcessFunction<Event, Event> {
    private transient Counter late;

    /** Counts the late side output of {@code windowed} and ends it there. */
    public static void countLateOf(SingleOutputStreamOperator<?> windowed) {
        windowed.getSideOutput(Outcomes.LATE).process(new LateCounter()).uid("late").name("late events")
                .sinkTo(new DiscardingSink<>()).uid("late-sink").name("late (counted)");
    }

    @Override
    public void open(OpenContext context) {
        late = getRuntimeContext().getMetricGroup().addGroup("vigil").counter("late");
    }

    @Override
    public void processElement(Event e, Context ctx, Collector<Event> out) {
        late.inc();
        out.collect(e);
    }
}
