package dev.vigil.jobs.business.functions;

import dev.vigil.jobs.business.rows.RevenueRow;
import dev.vigil.jobs.business.rows.UsageRow;
import dev.vigil.runtime.sketches.HllSketches;
import dev.vigil.schema.event.Event;
import org.apache.datasketches.hll.HllSketch;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.typeinfo.TypeInfo;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** Business KPIs per window: events and unique users per name or feature, revenue per currency. */
public final class Kpis {
    private Kpis() {}

    public static boolean isBusiness(Event e) {
        return e.business != null;
    }

    public static boolean hasFeature(Event e) {
        return e.business != null && e.business.feature != null;
    }

    public static boolean hasRevenue(Event e) {
        return e.business != null && e.business.value != null && e.business.currency != null;
    }

    /** Events and a HyperLogLog of their users (events without a user add to events only). */
    public static class Usage {
        public long events;

        @TypeInfo(HllSketches.TypeInfo.class)
        public HllSketch users = HllSketches.empty();

        public Usage() {}
    }

    public static final class CountUsers implements AggregateFunction<Event, Usage, Usage> {
        @Override
        public Usage createAccumulator() {
            return new Usage();
        }

        @Override
        public Usage add(Event e, Usage u) {
            u.events++;
            if (e.business.userId != null) u.users.update(e.business.userId);
            return u;
        }

        @Override
        public Usage getResult(Usage u) {
            return u;
        }

        @Override
        public Usage merge(Usage a, Usage b) {
            a.events += b.events;
            a.users = HllSketches.union(a.users, b.users);
            return a;
        }
    }

    public static final class UsageToRow extends ProcessWindowFunction<Usage, UsageRow, String, TimeWindow> {
        @Override
        public void process(String key, Context ctx, Iterable<Usage> all, Collector<UsageRow> out) {
            Usage u = all.iterator().next();
            UsageRow r = new UsageRow();
            r.bucket = ctx.window().getStart();
            r.windowSeconds = (int) ((ctx.window().getEnd() - ctx.window().getStart()) / 1000);
            r.key = key;
            r.events = u.events;
            r.uniqueUsers = Math.round(u.users.getEstimate());
            r.usersSketch = HllSketches.encode(u.users);
            out.collect(r);
        }
    }

    /** Revenue and purchase count of one currency. */
    public static class Revenue {
        public double sum;
        public long purchases;

        public Revenue() {}
    }

    public static final class SumRevenue implements AggregateFunction<Event, Revenue, Revenue> {
        @Override
        public Revenue createAccumulator() {
            return new Revenue();
        }

        @Override
        public Revenue add(Event e, Revenue r) {
            r.sum += e.business.value;
            r.purchases++;
            return r;
        }

        @Override
        public Revenue getResult(Revenue r) {
            return r;
        }

        @Override
        public Revenue merge(Revenue a, Revenue b) {
            a.sum += b.sum;
            a.purchases += b.purchases;
            return a;
        }
    }

    public static final class RevenueToRow extends ProcessWindowFunction<Revenue, RevenueRow, String, TimeWindow> {
        @Override
        public void process(String currency, Context ctx, Iterable<Revenue> all, Collector<RevenueRow> out) {
            Revenue r = all.iterator().next();
            RevenueRow row = new RevenueRow();
            row.bucket = ctx.window().getStart();
            row.windowSeconds = (int) ((ctx.window().getEnd() - ctx.window().getStart()) / 1000);
            row.currency = currency;
            row.revenue = r.sum;
            row.purchases = r.purchases;
            out.collect(row);
        }
    }
}
