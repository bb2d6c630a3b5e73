package dev.vigil.jobs.errors.functions;

import dev.vigil.jobs.errors.rows.ErrorGroupRow;
import dev.vigil.runtime.sketches.HllSketches;
import dev.vigil.schema.event.Event;
import org.apache.datasketches.hll.HllSketch;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.typeinfo.TypeInfo;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** Per error group and window: occurrences, services, distinct users, first and last seen. */
public final class GroupWindows {
    /** Most services listed per group and window; more are rare and would only bloat the row. */
    static final int MAX_SERVICES = 50;

    private GroupWindows() {}

    /** Accumulator (a Flink POJO). */
    public static class Stats {
        public long occurrences;
        public long firstSeen = Long.MAX_VALUE;
        public long lastSeen = Long.MIN_VALUE;
        public String[] services = new String[0];

        @TypeInfo(HllSketches.TypeInfo.class)
        public HllSketch users = HllSketches.empty();

        public boolean anyUser;
        public String errorType;
        public String message;
        public String groupedBy;

        public Stats() {}

        void addService(String s) {
            services = SortedNames.with(services, s, MAX_SERVICES);
        }
    }

    public static final class Collect implements AggregateFunction<Event, Stats, Stats> {
        @Override
        public Stats createAccumulator() {
            return new Stats();
        }

        @Override
        public Stats add(Event e, Stats s) {
            s.occurrences++;
            s.firstSeen = Math.min(s.firstSeen, e.timestamp);
            s.lastSeen = Math.max(s.lastSeen, e.timestamp);
            if (e.service != null) s.addService(e.service);
            if (e.error.userId != null) {
                s.users.update(e.error.userId);
                s.anyUser = true;
            }
            if (s.message == null) {
                // The group's template as its first event of the window saw it; other rules' groups pay for normalising
                // once.
                s.errorType = e.error.errorType;
                s.message = e.error.template != null ? e.error.template : MessageNormalizer.normalize(e.error.message);
                s.groupedBy = e.error.groupedBy;
            }
            return s;
        }

        @Override
        public Stats getResult(Stats s) {
            return s;
        }

        @Override
        public Stats merge(Stats a, Stats b) {
            a.occurrences += b.occurrences;
            a.firstSeen = Math.min(a.firstSeen, b.firstSeen);
            a.lastSeen = Math.max(a.lastSeen, b.lastSeen);
            for (String s : b.services) a.addService(s);
            a.users = HllSketches.union(a.users, b.users);
            a.anyUser |= b.anyUser;
            if (a.message == null) {
                a.errorType = b.errorType;
                a.message = b.message;
                a.groupedBy = b.groupedBy;
            }
            return a;
        }
    }

    public static final class ToRow extends ProcessWindowFunction<Stats, ErrorGroupRow, String, TimeWindow> {
        @Override
        public void process(String group, Context ctx, Iterable<Stats> all, Collector<ErrorGroupRow> out) {
            Stats s = all.iterator().next();
            ErrorGroupRow r = new ErrorGroupRow();
            r.bucket = ctx.window().getStart();
            r.windowSeconds = (int) ((ctx.window().getEnd() - ctx.window().getStart()) / 1000);
            r.groupId = group;
            r.groupedBy = s.groupedBy;
            r.errorType = s.errorType;
            r.message = s.message;
            r.services = s.services;
            r.occurrences = s.occurrences;
            r.users = s.anyUser ? Math.round(s.users.getEstimate()) : 0;
            r.firstSeen = s.firstSeen;
            r.lastSeen = s.lastSeen;
            out.collect(r);
        }
    }
}
