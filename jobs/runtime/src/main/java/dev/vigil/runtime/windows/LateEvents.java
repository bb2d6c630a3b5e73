package dev.vigil.runtime.windows;

import dev.vigil.runtime.accounting.LateCounter;
import java.io.Serializable;
import java.util.Objects;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.OutputTag;
import org.apache.flink.util.function.SerializableFunction;

/**
 * Who counts a window's late elements: those past its allowed lateness, which always leave the
 * window by a side output. A job counts each late input event once ({@code vigil.late}): the window
 * that sees every event of its kind counts them ({@link #counted}); a window over some of those same
 * events, with the same windows and lateness, names that window ({@link #countedBy}) and its late
 * side output ends unread. The accounting per job is in {@code docs/events.md}.
 */
public final class LateEvents<T> implements Serializable {
    private final SerializableFunction<T, Long> eventsIn;
    private final String countedBy;

    private LateEvents(SerializableFunction<T, Long> eventsIn, String countedBy) {
        this.eventsIn = eventsIn;
        this.countedBy = countedBy;
    }

    /** Counted here, one event per late element. */
    public static <T> LateEvents<T> counted() {
        return new LateEvents<>(e -> 1L, null);
    }

    /** Counted here, {@code eventsIn} events per late element (a pre-aggregated partial holds many). */
    public static <T> LateEvents<T> counted(SerializableFunction<T, Long> eventsIn) {
        return new LateEvents<>(Objects.requireNonNull(eventsIn), null);
    }

    /** Counted by the job's window with uid {@code windowUid}, which sees the same events in the same windows. */
    public static <T> LateEvents<T> countedBy(String windowUid) {
        return new LateEvents<>(null, Objects.requireNonNull(windowUid));
    }

    /** The same policy for elements that hold a {@code T} (a partial holding an accumulator). */
    <U> LateEvents<U> of(SerializableFunction<U, T> inner) {
        SerializableFunction<T, Long> events = eventsIn;
        return events == null
                ? new LateEvents<>(null, countedBy)
                : new LateEvents<>(u -> events.apply(inner.apply(u)), null);
    }

    @Override
    public String toString() {
        return countedBy == null ? "late events counted here" : "late events counted by " + countedBy;
    }

    void attach(SingleOutputStreamOperator<?> windowed, OutputTag<T> tag, String uid) {
        if (eventsIn != null) LateCounter.countLateOf(windowed, tag, eventsIn, uid + "-late");
    }
}
