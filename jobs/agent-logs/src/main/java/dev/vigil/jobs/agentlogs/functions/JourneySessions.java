package dev.vigil.jobs.agentlogs.functions;

import dev.vigil.jobs.agentlogs.rows.Journey;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Request journeys keyed by correlation ID with the semantics of event-time session windows (gap,
 * allowed lateness, a late event re-emitting its journey), but one state read and write per part: the
 * events of a request that {@link JourneyCombiner} combined before the shuffle, merged as its events
 * would be one by one (a part's session windows touch, so the sessions it meets are those its events
 * meet).
 * Flink's merging session windows cost a window-set update, an accumulator merge and a timer
 * deletion and registration per element, each a RocksDB access: that held the whole agent-logs job
 * to a few thousand events per second. Here a key's open sessions (nearly always one) live in one
 * value, and the end-of-session timer is not moved on every event: when it fires before a session
 * that has grown since is over, it is registered again at the new end.
 */
public class JourneySessions extends KeyedProcessFunction<String, Journeys.Part, Journey> {
    private static final long NO_TIMER = Long.MIN_VALUE;

    /** One session of a key: a Flink POJO. */
    public static class Session {
        public long start;
        public long last;
        /** The pending end-of-session timer, or {@link #NO_TIMER}. */
        public long timer = NO_TIMER;

        public boolean fired;
        public Journeys.Steps steps;

        public Session() {}
    }

    private final long gap;
    private final long lateness;
    private final Journeys.Collect collect;
    private transient ValueState<Session[]> sessions;

    public JourneySessions(Duration gap, Duration lateness, int cap) {
        this.gap = gap.toMillis();
        this.lateness = lateness.toMillis();
        this.collect = new Journeys.Collect(cap);
    }

    @Override
    public void open(OpenContext ctx) {
        sessions = getRuntimeContext()
                .getState(
                        new ValueStateDescriptor<>("journey-sessions", Types.OBJECT_ARRAY(Types.POJO(Session.class))));
    }

    /** The last millisecond of a session's window, as Flink's TimeWindow.maxTimestamp() of [start, last + gap). */
    private long end(Session s) {
        return s.last + gap - 1;
    }

    @Override
    public void processElement(Journeys.Part part, Context ctx, Collector<Journey> out) throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        Session[] open = sessions.value();
        // the part's window [start, last + gap) merges with every session it intersects
        long start = part.start;
        long last = part.last;
        int merging = 0;
        if (open != null) {
            for (Session s : open) {
                if (touches(s, part)) {
                    start = Math.min(start, s.start);
                    last = Math.max(last, s.last);
                    merging++;
                }
            }
        }
        if (last + gap - 1 + lateness <= watermark)
            return; // later than the allowed lateness, as a window operator drops it

        Session merged = new Session();
        merged.start = start;
        merged.last = last;
        merged.steps = collect.createAccumulator();
        long pendingTimer = NO_TIMER;
        Session[] kept = new Session[(open == null ? 0 : open.length - merging) + 1];
        int n = 0;
        if (open != null) {
            for (Session s : open) {
                if (touches(s, part)) {
                    merged.steps = collect.merge(merged.steps, s.steps);
                    merged.fired |= s.fired;
                    if (s.timer != NO_TIMER && s.timer > watermark)
                        pendingTimer = pendingTimer == NO_TIMER ? s.timer : Math.min(pendingTimer, s.timer);
                } else {
                    kept[n++] = s;
                }
            }
        }
        merged.steps = collect.merge(merged.steps, part.steps);
        kept[n] = merged;
        long end = end(merged);
        if (end <= watermark) {
            // a late event within the allowed lateness: the journey is emitted again at once, then kept until the
            // lateness ends
            out.collect(Journeys.build(ctx.getCurrentKey(), merged.steps));
            merged.fired = true;
            ctx.timerService().registerEventTimeTimer(end + lateness);
        } else if (pendingTimer == NO_TIMER) {
            merged.timer = end;
            ctx.timerService().registerEventTimeTimer(end);
        } else {
            merged.timer = pendingTimer; // fires before the end; registered again then
        }
        sessions.update(kept);
    }

    private boolean touches(Session s, Journeys.Part part) {
        return s.start <= part.last + gap && s.last + gap >= part.start;
    }

    @Override
    public void onTimer(long time, OnTimerContext ctx, Collector<Journey> out) throws Exception {
        Session[] open = sessions.value();
        if (open == null) return;
        int n = 0;
        for (Session s : open) {
            long end = end(s);
            if (s.timer == time) {
                s.timer = NO_TIMER;
                if (end <= time) {
                    out.collect(Journeys.build(ctx.getCurrentKey(), s.steps));
                    s.fired = true;
                    if (lateness > 0) ctx.timerService().registerEventTimeTimer(end + lateness);
                } else {
                    s.timer = end;
                    ctx.timerService().registerEventTimeTimer(end);
                }
            }
            boolean over = s.fired && s.timer == NO_TIMER && end + lateness <= time;
            if (!over) open[n++] = s;
        }
        if (n == 0) {
            sessions.clear();
        } else if (n < open.length) {
            Session[] kept = new Session[n];
            System.arraycopy(open, 0, kept, 0, n);
            sessions.update(kept);
        } else {
            sessions.update(open);
        }
    }
}
