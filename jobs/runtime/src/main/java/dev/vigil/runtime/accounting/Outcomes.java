package dev.vigil.runtime.accounting;

import dev.vigil.schema.event.DeadLetter;
import dev.vigil.schema.event.Event;
import org.apache.flink.util.OutputTag;

/** Side outputs where events that are not processed normally go, so every event is accounted for. */
public final class Outcomes {
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {};
    public static final OutputTag<Event> LATE = new OutputTag<>("late") {};

    private Outcomes() {}
}
